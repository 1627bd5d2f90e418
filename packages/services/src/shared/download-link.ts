import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '@gatehouse/domain';
import type { ServiceConfig } from './config.ts';

/*
 * A download the API promised: the procedure checks the caller, then answers
 * a link valid for five minutes whose GET streams the file. The link carries
 * what may be downloaded (signed with a key of its own kind, derived from the
 * app secret), nothing a caller could widen, and no session is needed to
 * follow it (a browser's download, a script's curl).
 */

export const DOWNLOAD_KINDS = ['audit', 'security-history', 'my-data'] as const;
export type DownloadKind = (typeof DOWNLOAD_KINDS)[number];

const LINK_LIFETIME_MS = 5 * 60_000;

function linkKey(config: ServiceConfig, kind: DownloadKind): Buffer {
  return Buffer.from(hkdfSync('sha256', config.appSecret, Buffer.alloc(0), `gatehouse:download:${kind}`, 32));
}

function sign(config: ServiceConfig, kind: DownloadKind, body: string): string {
  return createHmac('sha256', linkKey(config, kind)).update(body).digest('base64url');
}

/** The link for `grant`, at `/exports/<kind>/<body>.<mac>`. */
export function issueDownloadLink(config: ServiceConfig, kind: DownloadKind, grant: object, now = new Date()): { url: string; expiresAt: string } {
  const expiresAt = now.getTime() + LINK_LIFETIME_MS;
  const body = Buffer.from(JSON.stringify({ ...grant, expiresAt })).toString('base64url');
  return { url: new URL(`/exports/${kind}/${body}.${sign(config, kind, body)}`, config.publicUrl).toString(), expiresAt: new Date(expiresAt).toISOString() };
}

/** The grant a link carries, or NOT_FOUND when it is forged, altered, of another kind or expired (alike). */
export function readDownloadLink<Grant extends object>(config: ServiceConfig, kind: DownloadKind, token: string, now = new Date()): Grant {
  const [body, mac] = token.split('.');
  const expected = body ? sign(config, kind, body) : '';
  if (!body || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) throw new AppError('NOT_FOUND');
  const grant = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Grant & { expiresAt: number };
  if (typeof grant.expiresAt !== 'number' || grant.expiresAt < now.getTime()) throw new AppError('NOT_FOUND');
  return grant;
}

/** A file a link streams: its name and type, then its text piece by piece. */
export interface DownloadFile {
  fileName: string;
  contentType: string;
  /** A person's own file: only their session may follow the link (a link leaked from a browser's history opens nothing). */
  ownerProfileId?: string;
  chunks: AsyncIterable<string>;
}
