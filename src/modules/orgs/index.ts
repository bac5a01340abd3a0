export { createOrganization, getOrganizationBySlug } from "./create-organization.ts";
