export { CERTIFICATIONS, findCertification, NATIONAL_CERTIFICATION_CODES, type CertificationDef } from "./catalog.ts";
export * from "./certifications.rules.ts";
export { listHoldings, mayRecordCertification, recordCertification, toHoldingDto, updateCertificationEvidence, verifyCertification, type CertificationInput, type HoldingRow } from "./manage-certifications.ts";
