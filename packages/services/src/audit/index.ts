export { listAuditEvents, type AuditEventView } from './list-audit-events.ts';
export { listMySecurityEvents, type SecurityEventView } from './list-security-events.ts';
export { recordAudit, type AuditAction, writeAudit, auditRow } from './record-audit.ts';
