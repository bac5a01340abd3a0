import { addDays, addMonths, compareDates, daysBetween, type IsoDate } from "../../lib/dates.ts";
import type { CertificationDef } from "./catalog.ts";

/** Days before an expiry at which it is reported as expiring soon. */
export const EXPIRING_SOON_DAYS = 90;

export type VerificationStatus = "unverified" | "verified" | "rejected";

export interface Holding {
  certificationCode: string;
  earnedOn: IsoDate;
  expiresOn: IsoDate | null;
  verificationStatus: VerificationStatus;
}

export type HoldingState = "active" | "expiring" | "expired" | "rejected";

/** The expiry of a holding: the printed date when there is one, else earned date plus the credential's cycle. */
export function expiryOf(def: CertificationDef | undefined, earnedOn: IsoDate, printedExpiry: IsoDate | null): IsoDate | null {
  if (printedExpiry) return printedExpiry;
  return def?.cycleMonths ? addMonths(earnedOn, def.cycleMonths) : null;
}

/** A credential counts through its expiry date and stops the day after. */
export function holdingState(holding: Holding, def: CertificationDef | undefined, today: IsoDate): HoldingState {
  if (holding.verificationStatus === "rejected") return "rejected";
  const expires = expiryOf(def, holding.earnedOn, holding.expiresOn);
  if (expires && compareDates(today, expires) > 0) return "expired";
  if (expires && daysBetween(today, expires) <= EXPIRING_SOON_DAYS) return "expiring";
  return "active";
}

export interface RenewalWindow {
  expiresOn: IsoDate;
  opensOn: IsoDate | null;
  applyBy: IsoDate | null;
  /** Days from today to expiry (negative once expired). */
  daysLeft: number;
}

/** When renewal opens and by when to apply, from the credential's rule (CPhT: opens 60 days before, apply 30 days before). */
export function renewalWindow(def: CertificationDef | undefined, holding: Holding, today: IsoDate): RenewalWindow | null {
  const expiresOn = expiryOf(def, holding.earnedOn, holding.expiresOn);
  if (!expiresOn) return null;
  return {
    expiresOn,
    opensOn: def?.renewalOpensDaysBefore ? addDays(expiresOn, -def.renewalOpensDaysBefore) : null,
    applyBy: def?.applyByDaysBefore ? addDays(expiresOn, -def.applyByDaysBefore) : null,
    daysLeft: daysBetween(today, expiresOn),
  };
}

/** The current renewal cycle a date falls in: cycles run back from the expiry in steps of the cycle length. */
export function renewalCycle(def: CertificationDef, expiresOn: IsoDate): { startsOn: IsoDate; endsOn: IsoDate } | null {
  if (!def.cycleMonths) return null;
  return { startsOn: addDays(addMonths(expiresOn, -def.cycleMonths), 1), endsOn: expiresOn };
}
