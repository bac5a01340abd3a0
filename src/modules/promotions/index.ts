export { decidePromotion, listPromotions, nominatePromotion, type NominationInput } from "./manage-promotions.ts";
export { canDecide, classifyMove } from "./promotions.rules.ts";
