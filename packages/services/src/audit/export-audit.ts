import type { EntityManager, Orm } from '@gatehouse/db';
import { AppError, AUDIT_EXPORT_EARLIEST, AUDIT_EXPORT_MAX_DAYS, csvCell, type AuditExportFormat } from '@gatehouse/domain';
import type { Actor, KeyActor } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { issueDownloadLink, readDownloadLink, type DownloadFile } from '../shared/download-link.ts';
import type { WorkspaceScope } from '../members/index.ts';
import { auditPage, type AuditEventView, type AuditFilter } from './list-audit-events.ts';
import { recordAudit } from './record-audit.ts';

/*
 * Downloading the audit trail: `audit.export` checks the caller and the
 * range, records that the trail was exported, and answers a download link
 * naming the workspace, the filter and the format. The link's GET streams
 * the events page by page by keyset, each page read on its own entity
 * manager and written out before the next is read: a million events cost no
 * more memory than a thousand.
 */

const PAGE = 1000;
const DAY_MS = 86_400_000;

interface ExportGrant {
  workspaceId: string;
  slug: string;
  format: AuditExportFormat;
  from: string;
  to: string;
  actor?: string;
  action?: string;
}

/** The range an export covers: both ends given, in order, not before the product existed nor after tomorrow, and at most five years. */
export function checkExportRange(from: Date, to: Date, now: Date): void {
  if (from >= to) throw new AppError('INVALID_INPUT', { fields: { to: 'range' } });
  if (from < new Date(AUDIT_EXPORT_EARLIEST) || to.getTime() > now.getTime() + DAY_MS) throw new AppError('INVALID_INPUT', { fields: { from: 'invalid' } });
  if (to.getTime() - from.getTime() > AUDIT_EXPORT_MAX_DAYS * DAY_MS) throw new AppError('INVALID_INPUT', { fields: { to: 'range_too_long' } });
}

/** A download link for the workspace's trail over `from`–`to`, filtered as the console filters; the export itself is audited. */
export async function requestAuditExport(options: {
  em: EntityManager;
  config: ServiceConfig;
  actor: Actor | KeyActor;
  membership: WorkspaceScope;
  format: AuditExportFormat;
  from: Date;
  to: Date;
  filter: Pick<AuditFilter, 'actor' | 'action'>;
  now?: Date;
}): Promise<{ url: string; expiresAt: string }> {
  const now = options.now ?? new Date();
  checkExportRange(options.from, options.to, now);
  const workspace = options.membership.workspace;
  await options.config.limits.consume('auditExport', workspace.id);
  const grant: ExportGrant = {
    workspaceId: workspace.id,
    slug: workspace.slug,
    format: options.format,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    ...(options.filter.actor ? { actor: options.filter.actor } : {}),
    ...(options.filter.action ? { action: options.filter.action } : {}),
  };
  recordAudit(options.em, options.actor, { workspaceId: workspace.id, action: 'audit.exported', details: { since: grant.from, until: grant.to, format: grant.format, ...options.filter } });
  await options.em.flush();
  return issueDownloadLink(options.config, 'audit', grant, now);
}

const CSV_COLUMNS = ['time', 'action', 'actor', 'actor_type', 'actor_id', 'target', 'target_member_id', 'ip_address', 'user_agent', 'details'];

function csvLine(event: AuditEventView): string {
  const actorType = !event.actor ? 'system' : event.actor.apiKeyId ? 'api_key' : event.actor.scimTokenId ? 'scim_token' : 'person';
  const actorId = event.actor?.profileId ?? event.actor?.apiKeyId ?? event.actor?.scimTokenId ?? null;
  return [event.createdAt, event.action, event.actor?.name ?? null, actorType, actorId, event.target.name, event.target.memberId, event.ipAddress, event.userAgent, event.details ? JSON.stringify(event.details) : null].map(csvCell).join(',') + '\r\n';
}

/** The file a link promises: a header (CSV), then one line per event, newest first. NOT_FOUND for a link that is not one. */
export function openAuditExport(orm: Orm, config: ServiceConfig, token: string, now = new Date()): DownloadFile {
  const grant = readDownloadLink<ExportGrant>(config, 'audit', token, now);
  const day = (iso: string) => iso.slice(0, 10);
  return { fileName: `audit-${grant.slug}-${day(grant.from)}-${day(grant.to)}.${grant.format}`, contentType: exportContentType(grant.format), chunks: auditExportChunks(orm, grant) };
}

export function exportContentType(format: AuditExportFormat): string {
  return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
}

async function* auditExportChunks(orm: Orm, grant: ExportGrant): AsyncGenerator<string> {
  if (grant.format === 'csv') yield CSV_COLUMNS.join(',') + '\r\n';
  const filter: AuditFilter = { from: new Date(grant.from), to: new Date(grant.to), ...(grant.actor ? { actor: grant.actor } : {}), ...(grant.action ? { action: grant.action as AuditFilter['action'] & string } : {}) };
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof auditPage>> = await auditPage({ em: orm.em.fork(), workspaceId: grant.workspaceId, limit: PAGE, filter, ...(cursor ? { cursor } : {}) });
    yield page.items.map((event) => (grant.format === 'csv' ? csvLine(event) : `${JSON.stringify(event)}\n`)).join('');
    cursor = page.nextCursor;
  } while (cursor);
}
