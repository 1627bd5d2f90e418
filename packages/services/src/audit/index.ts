export { listAuditEvents, type AuditEventView, type AuditFilter } from './list-audit-events.ts';
export { openAuditExport, requestAuditExport } from './export-audit.ts';
export { openSecurityHistoryExport, requestSecurityHistoryExport, securityEventPages } from './export-security-history.ts';
export { listMySecurityEvents, type SecurityEventView } from './list-security-events.ts';
export { recordAudit, type AuditAction, type AuditActor, recordAuditNow, auditRowOf } from './record-audit.ts';
