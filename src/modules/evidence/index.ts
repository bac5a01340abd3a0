export { getAttachableEvidence, getEvidenceForDownload } from "./evidence.queries.ts";
export { checkEvidenceFile, uploadEvidence, type EvidenceFileDto, type EvidenceUpload } from "./upload-evidence.ts";
export * from "./evidence.rules.ts";
