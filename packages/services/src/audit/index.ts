export { listAuditEvents, type AuditEventView, type AuditFilter } from './list-audit-events.ts';
export { auditExportChunks, auditExportOf, readAuditExportLink, requestAuditExport } from './export-audit.ts';
export { listMySecurityEvents, type SecurityEventView } from './list-security-events.ts';
export { recordAudit, type AuditAction, type AuditActor, recordAuditNow, auditRowOf } from './record-audit.ts';
