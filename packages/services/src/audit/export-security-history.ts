import type { EntityManager, Orm } from '@gatehouse/db';
import { AUDIT_EXPORT_EARLIEST, csvCell, type AuditExportFormat } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { issueDownloadLink, readDownloadLink, type DownloadFile } from '../shared/download-link.ts';
import { checkExportRange, exportContentType } from './export-audit.ts';
import { securityEventsPage, type SecurityEventView } from './list-security-events.ts';
import { recordAudit } from './record-audit.ts';

/*
 * A person's own security history as a file: every sign-in, failure and
 * change to how they sign in, newest first, streamed page by page by keyset
 * like the workspace trail. The download is itself a line of that history.
 */

const PAGE = 1000;

interface SecurityHistoryGrant {
  profileId: string;
  format: AuditExportFormat;
  from?: string;
  to?: string;
}

/** A download link for the caller's security history: all of it, or over a range checked as the workspace trail's is. */
export async function requestSecurityHistoryExport(options: { em: EntityManager; config: ServiceConfig; actor: Actor; format: AuditExportFormat; from?: Date; to?: Date; now?: Date }): Promise<{ url: string; expiresAt: string }> {
  const now = options.now ?? new Date();
  const range = { from: options.from ?? new Date(AUDIT_EXPORT_EARLIEST), to: options.to ?? new Date(now.getTime() + 60_000) };
  if (options.from || options.to) checkExportRange(range.from, range.to, now);
  await options.config.limits.consume('personalExport', options.actor.profileId);
  const grant: SecurityHistoryGrant = {
    profileId: options.actor.profileId,
    format: options.format,
    ...(options.from ? { from: range.from.toISOString() } : {}),
    ...(options.to ? { to: range.to.toISOString() } : {}),
  };
  recordAudit(options.em, options.actor, {
    workspaceId: null,
    action: 'profile.data_exported',
    targetProfileId: options.actor.profileId,
    details: { what: 'security_history', format: options.format, ...(grant.from ? { since: grant.from } : {}), ...(grant.to ? { until: grant.to } : {}) },
  });
  await options.em.flush();
  return issueDownloadLink(options.config, 'security-history', grant, now);
}

const CSV_COLUMNS = ['time', 'action', 'workspace', 'ip_address', 'user_agent', 'details'];

function csvLine(event: SecurityEventView): string {
  return [event.createdAt, event.action, event.workspaceName, event.ipAddress, event.userAgent, event.details ? JSON.stringify(event.details) : null].map(csvCell).join(',') + '\r\n';
}

/** Every event of a profile's history, newest first, one page read at a time on its own entity manager. */
export async function* securityEventPages(orm: Orm, profileId: string, range: { from?: Date; to?: Date } = {}): AsyncGenerator<SecurityEventView[]> {
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof securityEventsPage>> = await securityEventsPage({ em: orm.em.fork(), profileId, limit: PAGE, cursor, ...range });
    if (page.items.length) yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

async function* securityHistoryChunks(orm: Orm, grant: SecurityHistoryGrant): AsyncGenerator<string> {
  if (grant.format === 'csv') yield CSV_COLUMNS.join(',') + '\r\n';
  const range = { ...(grant.from ? { from: new Date(grant.from) } : {}), ...(grant.to ? { to: new Date(grant.to) } : {}) };
  for await (const events of securityEventPages(orm, grant.profileId, range)) {
    yield events.map((event) => (grant.format === 'csv' ? csvLine(event) : `${JSON.stringify(event)}\n`)).join('');
  }
}

/** The file a security-history link promises; NOT_FOUND for a link that is not one. */
export function openSecurityHistoryExport(orm: Orm, config: ServiceConfig, token: string, now = new Date()): DownloadFile {
  const grant = readDownloadLink<SecurityHistoryGrant>(config, 'security-history', token, now);
  return {
    fileName: `security-history-${new Date().toISOString().slice(0, 10)}.${grant.format}`,
    contentType: exportContentType(grant.format),
    ownerProfileId: grant.profileId,
    chunks: securityHistoryChunks(orm, grant),
  };
}
