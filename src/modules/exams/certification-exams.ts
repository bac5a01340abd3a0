/**
 * The real certification exams a technician sits, with their retake waits, as data.
 * Facts from shared/reference/domain-facts.md; `verify` marks facts not confirmed from a
 * primary source (the web app says so next to them).
 */
export interface CertificationExamDef {
  code: string;
  name: string;
  /** The credential a pass creates (certifications catalog code). */
  certification: string;
  /** Days to wait before the 2nd, 3rd, 4th … attempt; past the end of the list a petition is needed. */
  retakeWaitDays: number[];
  afterLastAttempt?: string;
  passingScaled: number;
  scaledRange: [number, number];
  verify?: boolean;
  source: string;
}

export const CERTIFICATION_EXAMS: readonly CertificationExamDef[] = [
  {
    code: "ptce",
    name: "PTCB Pharmacy Technician Certification Exam (PTCE)",
    certification: "ptcb-cpht",
    retakeWaitDays: [60, 60, 180],
    afterLastAttempt: "After four attempts PTCB requires a petition before another attempt.",
    passingScaled: 1400,
    scaledRange: [1000, 1600],
    verify: true,
    source: "retake waits: pharmacy-tech-test.com (forum-grade, verify); scale: certilyst.com PTCE FAQ (domain-facts.md)",
  },
  {
    code: "excpt",
    name: "NHA Exam for the Certification of Pharmacy Technicians (ExCPT)",
    certification: "nha-excpt",
    retakeWaitDays: [30],
    passingScaled: 390,
    scaledRange: [200, 500],
    source: "knowledge.nhanow.com (30-day retake wait); achievable.me (scale 200–500, pass 390) (domain-facts.md)",
  },
];

export function findCertificationExam(code: string): CertificationExamDef | undefined {
  return CERTIFICATION_EXAMS.find((e) => e.code === code);
}
