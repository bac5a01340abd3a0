export * from "./incentives.rules.ts";
export { ensureIncentiveRules, processIncentiveEvents, processIncentivesNow } from "./process-incentive-events.ts";
export {
  createIncentiveRule,
  decideReimbursement,
  exportPayroll,
  listGrants,
  listIncentiveRules,
  listReimbursements,
  submitReimbursement,
  updateIncentiveRule,
  type ReimbursementInput,
  type RuleInput,
  type RulePatch,
} from "./manage-incentives.ts";
