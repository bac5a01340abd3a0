export { importRoster, type ImportResult } from "./import-roster.ts";
export { exportRosterCsv, rosterTemplateCsv } from "./export-roster.ts";
export { createSite, updateSite, toSiteDto, type SiteInput } from "./manage-sites.ts";
export { createPerson, updatePerson, recordExitInterview } from "./manage-people.ts";
export { recordEmploymentEvent } from "./record-employment-event.ts";
export { getPerson, listPeople, toPersonDto } from "./people.queries.ts";
export { getSite, listSites } from "./sites.queries.ts";
export * from "./roster.rules.ts";
