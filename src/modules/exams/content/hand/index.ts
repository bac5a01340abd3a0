/** Hand-written items, one file per PTCE domain. Every item is original to Rx Ladder. */
import type { ItemContent } from "../../item.types.ts";
import { FEDERAL_ITEMS } from "./federal.ts";
import { MEDICATIONS_ITEMS } from "./medications.ts";
import { ORDER_ENTRY_ITEMS } from "./order-entry.ts";
import { SAFETY_ITEMS } from "./safety.ts";

export const HAND_WRITTEN_ITEMS: readonly ItemContent[] = [...FEDERAL_ITEMS, ...SAFETY_ITEMS, ...ORDER_ENTRY_ITEMS, ...MEDICATIONS_ITEMS];
