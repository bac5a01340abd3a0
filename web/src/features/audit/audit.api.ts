import { api, withQuery } from "../../api.ts";

export interface AuditEntry {
  seq: number;
  at: string;
  actorLabel: string;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  problem?: { kind: string; seq: number; message: string };
}

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_URL = "/api/audit/export.csv";

export const auditPath = (beforeSeq?: number) => withQuery("/api/audit", { limit: AUDIT_PAGE_SIZE, beforeSeq });

export const auditApi = {
  listOlder: (beforeSeq: number) => api.get<{ items: AuditEntry[] }>(auditPath(beforeSeq)),
  verify: () => api.get<AuditVerification>("/api/audit/verify"),
};
