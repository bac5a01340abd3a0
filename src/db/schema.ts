import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Dates without time are carried as ISO strings (YYYY-MM-DD) end to end: never as JS Dates. */
export type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganizationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  created_at: Timestamp;
}

export type SiteSetting = "community" | "health-system" | "specialty" | "mail-order";

export interface SitesTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  state: string;
  setting: SiteSetting;
  time_zone: string;
  created_at: Timestamp;
}

export type Role = "technician" | "mentor" | "pharmacist" | "manager" | "admin";
export type PersonStatus = "active" | "leave" | "separated";
export type SeparationType = "voluntary" | "involuntary";

export interface PeopleTable {
  id: Generated<string>;
  org_id: string;
  employee_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  hire_date: DateString;
  site_id: string;
  role: Generated<Role>;
  status: Generated<PersonStatus>;
  separation_date: DateString | null;
  separation_type: SeparationType | null;
  separation_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ManagerSitesTable {
  person_id: string;
  site_id: string;
}

export type EmploymentEventKind = "hire" | "transfer" | "leave" | "return" | "separation" | "rehire";

export interface EmploymentEventsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  kind: EmploymentEventKind;
  effective_date: DateString;
  site_id: string | null;
  from_site_id: string | null;
  separation_type: SeparationType | null;
  reason_code: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface ExitInterviewsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  interview_date: DateString;
  reason_codes: string[];
  comments: string | null;
  would_return: boolean | null;
  created_at: Timestamp;
}

export interface AccountsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  email: string;
  password_hash: string | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  last_sign_in_at: Date | null;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Date;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  attempted_at: Timestamp;
}

export interface PasswordResetsTable {
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  org_id: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  entity_type: string;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  org_id: string;
  seq: number;
  hash: string;
}

export interface RosterImportsTable {
  id: Generated<string>;
  org_id: string;
  actor_id: string | null;
  file_name: string | null;
  file_sha256: string;
  rows_total: number;
  created: number;
  updated: number;
  unchanged: number;
  imported_at: Timestamp;
}

export interface LadderFrameworksTable {
  id: Generated<string>;
  org_id: string;
  version: number;
  status: "draft" | "published";
  definition: unknown;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  published_at: Date | string | null;
}

export interface PersonLevelsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  track_code: string;
  level_code: string;
  started_on: DateString;
  ended_on: DateString | null;
  promotion_id: string | null;
  created_at: Timestamp;
}

export interface EvidenceFilesTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  uploaded_by: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  created_at: Timestamp;
}

export interface CompetencySignoffsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  competency_code: string;
  step_code: string | null;
  proficiency: number | null;
  assessor_id: string;
  assessor_role: string;
  signed_at: Date;
  valid_until: DateString | null;
  evidence_note: string | null;
  evidence_file_id: string | null;
  signature: string;
  framework_version: number;
  revokes_id: string | null;
  revocation_reason: string | null;
}

export type VerificationStatus = "unverified" | "verified" | "rejected";

export interface CertificationHoldingsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  certification_code: string;
  number: string | null;
  issuer: string | null;
  state: string | null;
  earned_on: DateString;
  expires_on: DateString | null;
  verification_status: Generated<VerificationStatus>;
  verified_by: string | null;
  verified_at: Date | null;
  evidence_file_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type PromotionKind = "promotion" | "track-change" | "demotion";
export type PromotionStatus = "nominated" | "approved" | "rejected" | "withdrawn";

export interface PromotionsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  kind: PromotionKind;
  from_track: string | null;
  from_level: string | null;
  to_track: string;
  to_level: string;
  status: PromotionStatus;
  effective_date: DateString;
  pay_change_cents: number | null;
  nominated_by: string;
  nominated_at: Date;
  nomination_note: string | null;
  eligible_at_nomination: boolean;
  eligibility_snapshot: unknown;
  override_justification: string | null;
  framework_version: number;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface Database {
  organizations: OrganizationsTable;
  sites: SitesTable;
  people: PeopleTable;
  manager_sites: ManagerSitesTable;
  employment_events: EmploymentEventsTable;
  exit_interviews: ExitInterviewsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  password_resets: PasswordResetsTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  roster_imports: RosterImportsTable;
  ladder_frameworks: LadderFrameworksTable;
  person_levels: PersonLevelsTable;
  evidence_files: EvidenceFilesTable;
  competency_signoffs: CompetencySignoffsTable;
  certification_holdings: CertificationHoldingsTable;
  promotions: PromotionsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type Site = Selectable<SitesTable>;
export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type EmploymentEvent = Selectable<EmploymentEventsTable>;
export type ExitInterview = Selectable<ExitInterviewsTable>;
export type Account = Selectable<AccountsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
