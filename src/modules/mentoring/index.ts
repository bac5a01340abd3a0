export { confirmSession, createPairing, endPairing, getPairing, logSession, type PairingInput, type SessionInput } from "./manage-mentoring.ts";
export { isActiveMentor, listPairings, myMentees, myMentor, pairingSessions } from "./mentoring.queries.ts";
export * from "./mentoring.rules.ts";
