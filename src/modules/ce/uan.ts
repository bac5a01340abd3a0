/**
 * The ACPE Universal Activity Number (UAN): `PPPP-JJJJ-YY-NNN-XTT-A`, e.g. `0175-0000-14-105-L05-T`.
 * Pure data and a parser without imports, so the web app runs the very same parser for live
 * feedback. Facts: shared/reference/domain-facts.md, "ACPE Universal Activity Number (UAN)";
 * entries marked `verify` were not confirmed from a primary source and an organization may turn
 * them off (CE settings).
 */

export const UAN_SOURCE =
  "Pharmacy Society of Wisconsin UAN explainer (pswi.org); Ohio Pharmacists Foundation \"Deciphering ACPE numbers\"; acpe-accredit.org/universal-activity-numbers (domain-facts.md)";

export type CeFormat = "live" | "home-study" | "blended";
export type CeAudience = "technician" | "pharmacist";
export type TopicCode = "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08";

export interface UanFormatDef {
  letter: string;
  format: CeFormat;
  label: string;
  verify?: boolean;
}

export const UAN_FORMATS: readonly UanFormatDef[] = [
  { letter: "L", format: "live", label: "Live" },
  { letter: "H", format: "home-study", label: "Home study" },
  { letter: "B", format: "blended", label: "Blended", verify: true },
];

export interface TopicDef {
  code: TopicCode;
  name: string;
  verify?: boolean;
}

export const TOPICS: readonly TopicDef[] = [
  { code: "01", name: "Disease-state management / drug therapy" },
  { code: "02", name: "HIV/AIDS therapy" },
  { code: "03", name: "Law related to pharmacy practice" },
  { code: "04", name: "General pharmacy" },
  { code: "05", name: "Patient safety" },
  { code: "06", name: "Immunizations", verify: true },
  { code: "07", name: "Compounding", verify: true },
  { code: "08", name: "Pain management / opioids", verify: true },
];

export const AUDIENCES: readonly { letter: "P" | "T"; audience: CeAudience; label: string }[] = [
  { letter: "P", audience: "pharmacist", label: "Pharmacist" },
  { letter: "T", audience: "technician", label: "Technician" },
];

export const FORMAT_LABELS: Record<CeFormat, string> = { live: "Live", "home-study": "Home study", blended: "Blended" };
export const AUDIENCE_LABELS: Record<CeAudience, string> = { technician: "Technician (T)", pharmacist: "Pharmacist (P)" };

export function topicName(code: string | null | undefined): string | undefined {
  return TOPICS.find((t) => t.code === code)?.name;
}

/** The six parts of a UAN, in order, as the errors name them. */
export type UanSegment = "uan" | "provider" | "providership" | "year" | "sequence" | "format" | "topic" | "audience";

export interface UanError {
  segment: UanSegment;
  /** The text of the bad part, when there is one. */
  value?: string;
  message: string;
}

export interface ParsedUan {
  /** Normalized with dashes and capitals: 0175-0000-14-105-L05-T. */
  uan: string;
  providerNumber: string;
  providership: "sole" | "joint";
  /** The release year (2000 + YY). */
  releaseYear: number;
  sequence: string;
  format: CeFormat;
  topic: TopicCode;
  topicName: string;
  audience: CeAudience;
  /** The (verify) parts this UAN relies on, to say so next to it. */
  unconfirmed: string[];
}

export type UanResult = { ok: true; value: ParsedUan } | { ok: false; errors: UanError[] };

export interface UanOptions {
  /** Accept format letter B (blended), which is (verify). Default true. */
  acceptBlended?: boolean;
  /** Accept topic designators 06–08, which are (verify). Default true. */
  acceptExtendedTopics?: boolean;
}

const PATTERN_TEXT = "PPPP-JJJJ-YY-NNN-XTT-A, for example 0175-0000-14-105-L05-T";

/**
 * Parses a UAN, with or without its dashes. Every bad part is reported, each naming its segment:
 * `{ segment: "providership", value: "1234", message: "…must be 0000 (sole provider) or 9999 (joint providership)" }`.
 */
export function parseUan(input: string, options: UanOptions = {}): UanResult {
  const acceptBlended = options.acceptBlended ?? true;
  const acceptExtendedTopics = options.acceptExtendedTopics ?? true;
  const text = input.trim().toUpperCase().replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\s+/g, "");
  if (!text) return { ok: false, errors: [{ segment: "uan", message: `is empty; a UAN looks like ${PATTERN_TEXT}` }] };

  let parts: string[];
  if (!text.includes("-")) {
    if (text.length !== 17) {
      return { ok: false, errors: [{ segment: "uan", value: text, message: `has ${text.length} characters without dashes; a UAN has 17 (${PATTERN_TEXT})` }] };
    }
    parts = [text.slice(0, 4), text.slice(4, 8), text.slice(8, 10), text.slice(10, 13), text.slice(13, 16), text.slice(16)];
  } else {
    parts = text.split("-");
    if (parts.length !== 6) {
      return { ok: false, errors: [{ segment: "uan", value: text, message: `has ${parts.length} part${parts.length === 1 ? "" : "s"} separated by dashes; a UAN has 6 (${PATTERN_TEXT})` }] };
    }
  }
  const [provider, providership, year, sequence, formatTopic, audienceLetter] = parts;
  const errors: UanError[] = [];
  const fail = (segment: UanSegment, value: string, message: string) => errors.push({ segment, value, message });

  if (!/^\d{4}$/.test(provider)) fail("provider", provider, `the provider number (1st part) must be 4 digits; "${provider}" is not`);
  if (providership !== "0000" && providership !== "9999") {
    fail("providership", providership, `the 2nd part must be 0000 (sole provider) or 9999 (joint providership); "${providership}" is neither`);
  }
  if (!/^\d{2}$/.test(year)) fail("year", year, `the release year (3rd part) must be 2 digits; "${year}" is not`);
  if (!/^\d{3}$/.test(sequence)) fail("sequence", sequence, `the sequence number (4th part) must be 3 digits; "${sequence}" is not`);

  const letters = UAN_FORMATS.filter((f) => acceptBlended || !f.verify);
  const lettersText = letters.map((f) => `${f.letter} (${f.label.toLowerCase()})`).join(", ");
  const formatLetter = formatTopic.slice(0, 1);
  const topicText = formatTopic.slice(1);
  const formatDef = letters.find((f) => f.letter === formatLetter);
  if (formatTopic.length !== 3) {
    fail("format", formatTopic, `the 5th part is the activity type and topic: one letter and 2 digits, like L05; "${formatTopic}" is not`);
  } else {
    if (!formatDef) {
      const blendedOff = !acceptBlended && formatLetter === "B" ? " (blended is turned off in your organization's CE settings)" : "";
      fail("format", formatLetter, `the activity type (5th part) must be ${lettersText}; "${formatLetter}" is not${blendedOff}`);
    }
    const topics = TOPICS.filter((t) => acceptExtendedTopics || !t.verify);
    const topicDef = topics.find((t) => t.code === topicText);
    if (!topicDef) {
      const range = `${topics[0].code}–${topics.at(-1)!.code}`;
      const extendedOff = !acceptExtendedTopics && TOPICS.some((t) => t.code === topicText) ? " (06–08 are turned off in your organization's CE settings)" : "";
      fail("topic", topicText, `the topic designator (5th part, after the letter) must be ${range}; "${topicText}" is not${extendedOff}`);
    }
  }
  const audience = AUDIENCES.find((a) => a.letter === audienceLetter);
  if (!audience) fail("audience", audienceLetter, `the audience (6th part) must be P (pharmacist) or T (technician); "${audienceLetter}" is neither`);

  if (errors.length > 0) return { ok: false, errors };
  const topic = TOPICS.find((t) => t.code === topicText)!;
  const unconfirmed: string[] = [];
  if (formatDef!.verify) unconfirmed.push(`activity type ${formatDef!.letter} (${formatDef!.label.toLowerCase()})`);
  if (topic.verify) unconfirmed.push(`topic designator ${topic.code} (${topic.name})`);
  return {
    ok: true,
    value: {
      uan: [provider, providership, year, sequence, formatTopic, audienceLetter].join("-"),
      providerNumber: provider,
      providership: providership === "0000" ? "sole" : "joint",
      releaseYear: 2000 + Number(year),
      sequence,
      format: formatDef!.format,
      topic: topic.code,
      topicName: topic.name,
      audience: audience!.audience,
      unconfirmed,
    },
  };
}

/** One line per error, for messages: "providership: the 2nd part must be …". */
export function describeUanErrors(errors: UanError[]): string {
  return errors.map((e) => e.message).join("; ");
}

/** The same activity for pharmacists and for technicians differs only in the last letter. */
export function activityKey(uan: string): string {
  return uan.slice(0, -2);
}

/** ACPE activities can be claimed at most three years after release: the completion year must be from YY to YY + 3. */
export const ACTIVITY_VALID_YEARS = 3;
