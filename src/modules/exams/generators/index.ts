/** Generated item families: each turns a seed into one practice item, the same item every time. */
import { AppError } from "../../../lib/errors.ts";
import type { ItemContent } from "../item.types.ts";
import { alligation, dilution, percentStrength, ratioStrength, reconstitution } from "./concentration.ts";
import { controlledRefills, pseudoephedrineLimits } from "./controlled-substances.ts";
import { romanNumerals, temperatureConversion, unitConversion } from "./conversions.ts";
import { daysSupplyEyeDrops, daysSupplyInhaler, daysSupplyInsulin, daysSupplyLiquid, daysSupplyTablets } from "./days-supply.ts";
import { deaNumber } from "./dea.ts";
import { doseWeightBased } from "./dosing.ts";
import type { GeneratorFamily } from "./generator.types.ts";
import { ivRateDropsPerMinute, ivRateMlPerHour } from "./iv-flow.ts";
import { ndcElevenDigit } from "./ndc.ts";
import { quantityPrnMaximum, quantityTaper } from "./quantity.ts";
import { sigTranslation } from "./sig.ts";

export type { GeneratorFamily } from "./generator.types.ts";

export const GENERATOR_FAMILIES: readonly GeneratorFamily[] = [
  daysSupplyTablets,
  daysSupplyLiquid,
  daysSupplyInhaler,
  daysSupplyInsulin,
  daysSupplyEyeDrops,
  quantityPrnMaximum,
  quantityTaper,
  doseWeightBased,
  dilution,
  alligation,
  percentStrength,
  ratioStrength,
  reconstitution,
  ivRateMlPerHour,
  ivRateDropsPerMinute,
  unitConversion,
  temperatureConversion,
  romanNumerals,
  sigTranslation,
  ndcElevenDigit,
  deaNumber,
  controlledRefills,
  pseudoephedrineLimits,
];

/** The item a family makes from a seed; throws NOT_FOUND for an unknown family code. */
export function generateItem(familyCode: string, seed: number): ItemContent {
  const family = GENERATOR_FAMILIES.find((f) => f.code === familyCode);
  if (!family) throw new AppError("NOT_FOUND", `generator family ${familyCode} not found`);
  return family.generate(seed);
}
