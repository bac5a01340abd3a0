/** Item statistics in words, for reviewers who do not read psychometrics every day. */

/** Below this many responses the figures move too much to act on. */
export const MIN_RESPONSES_TO_JUDGE = 30;

export function formatStat(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : value.toFixed(2);
}

export function pValueNote(pValue: number | null): string | null {
  if (pValue === null) return null;
  if (pValue < 0.3) return "Few answer it correctly: check the key and the wording.";
  if (pValue > 0.95) return "Almost everyone answers it correctly: it tells little about readiness.";
  return null;
}

export function discriminationNote(pointBiserial: number | null, responses: number): string | null {
  if (pointBiserial === null || responses < MIN_RESPONSES_TO_JUDGE) return null;
  if (pointBiserial < 0) return "Stronger technicians miss it more often than weaker ones: the key may be wrong.";
  if (pointBiserial < 0.15) return "It barely separates stronger from weaker technicians.";
  return null;
}
