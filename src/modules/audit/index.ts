export { recordAudit, type AuditActor, type AuditInput } from "./record-audit.ts";
export { verifyAuditChain, type ChainReport } from "./verify-audit-chain.ts";
export { exportAuditCsv } from "./export-audit.ts";
export { listAuditEntries } from "./audit.queries.ts";
