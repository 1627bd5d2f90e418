import type { Orm } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { ServiceConfig } from '../shared/config.ts';
import { DOWNLOAD_KINDS, type DownloadFile, type DownloadKind } from '../shared/download-link.ts';
import { openAuditExport, openSecurityHistoryExport } from '../audit/index.ts';
import { openMyDataExport } from '../data-rights/index.ts';

export type { DownloadFile } from '../shared/download-link.ts';

const OPENERS: Record<DownloadKind, (orm: Orm, config: ServiceConfig, token: string, now?: Date) => DownloadFile> = {
  audit: openAuditExport,
  'security-history': openSecurityHistoryExport,
  'my-data': openMyDataExport,
};

/** The file behind `/exports/<kind>/<token>`, or NOT_FOUND for an unknown kind or a link that is not (or no longer) valid. */
export function openDownload(orm: Orm, config: ServiceConfig, kind: string, token: string, now = new Date()): DownloadFile {
  if (!(DOWNLOAD_KINDS as readonly string[]).includes(kind)) throw new AppError('NOT_FOUND');
  return OPENERS[kind as DownloadKind](orm, config, token, now);
}
