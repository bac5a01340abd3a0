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
  /** Taken from one sequence on every save of the draft; never reused. */
  revision: Generated<number>;
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

export interface ExamSettingsTable {
  org_id: string;
  certification_deadline_months: Generated<number>;
  readiness_threshold: Generated<number>;
  pinned_outline: string | null;
  shipped_bank_revision: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface EmploymentSegmentsTable {
  org_id: string;
  person_id: string;
  site_id: string | null;
  starts_on: string;
  ends_on: string | null;
  is_hire: boolean;
  separation_type: SeparationType | null;
  reason_code: string | null;
  spell_starts_on: string;
  spell_site_id: string | null;
  spell_ends_on: string | null;
  person_role: Generated<Role>;
}

export interface MetricsSettingsTable {
  org_id: string;
  stalled_months: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type ExamItemStatus = "draft" | "published" | "superseded" | "retired";

export interface ExamItemsTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  version: number;
  status: ExamItemStatus;
  kind: "single" | "multi";
  domain: string;
  subtopic: string;
  difficulty: number;
  stem: string;
  options: unknown;
  answer_key: unknown;
  explanation: string;
  reference: string;
  source: "hand" | "table" | "generator" | "custom";
  family: string | null;
  created_by: string | null;
  created_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  published_at: Date | null;
  retired_at: Date | null;
}

export interface ExamItemStatsTable {
  org_id: string;
  item_key: string;
  responses: number;
  correct: number;
  p_value: number | null;
  point_biserial: number | null;
  rasch_b: number | null;
  computed_at: Date;
}

export type ExamForm = "full" | "quick" | "drill" | "review";

export interface ExamAttemptsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  form: ExamForm;
  domain: string | null;
  outline_code: string;
  feedback: "end" | "immediate";
  status: "in_progress" | "submitted";
  started_at: Date;
  deadline_at: Date | null;
  last_event_at: Date;
  current_position: Generated<number>;
  submitted_at: Date | null;
  expired: Generated<boolean>;
  item_count: number;
  scored_count: number | null;
  correct_count: number | null;
  score_percent: number | null;
  domain_results: unknown;
  ability: number | null;
  ability_se: number | null;
}

export interface ExamAttemptItemsTable {
  attempt_id: string;
  position: number;
  item_id: string | null;
  item_key: string;
  domain: string;
  subtopic: string;
  scored: boolean;
  difficulty_b: number;
  content: unknown;
  answer: unknown;
  correct: boolean | null;
  flagged: Generated<boolean>;
  answered_at: Date | null;
  time_spent_ms: Generated<number>;
}

export type FlagReason = "wrong-key" | "unclear" | "outdated" | "typo" | "other";

export interface ExamItemFlagsTable {
  id: Generated<string>;
  org_id: string;
  item_key: string;
  item_id: string | null;
  attempt_id: string | null;
  position: number | null;
  content: unknown;
  person_id: string;
  reason: FlagReason;
  comment: string | null;
  status: Generated<"open" | "fixed" | "dismissed">;
  created_at: Date;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution_note: string | null;
}

export interface ExamReviewCardsTable {
  org_id: string;
  person_id: string;
  card_key: string;
  card: unknown;
  due_at: Date;
  updated_at: Date;
}

export type ExamRecordResult = "scheduled" | "passed" | "failed" | "cancelled";

export interface CertificationExamRecordsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  exam: string;
  scheduled_on: DateString;
  result: Generated<ExamRecordResult>;
  taken_on: DateString | null;
  scaled_score: number | null;
  holding_id: string | null;
  recorded_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface DomainEventsTable {
  id: Generated<number>;
  org_id: string;
  kind: string;
  person_id: string | null;
  payload: unknown;
  occurred_at: Date;
}

export type TrainingCategory = "compliance" | "clinical" | "cross-training" | "management" | "development";
export type TrainingDelivery = "internal" | "external";

export interface TrainingProgramsTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  description: Generated<string>;
  category: TrainingCategory;
  validity_months: number | null;
  validity_verify: Generated<boolean>;
  source: string | null;
  shipped: Generated<boolean>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingModulesTable {
  id: Generated<string>;
  org_id: string;
  program_id: string;
  position: number;
  title: string;
  delivery: TrainingDelivery;
  provider: string | null;
  hours: number;
  ce_hours: Generated<number>;
  cost_cents: Generated<number>;
}

export interface TrainingCatalogStateTable {
  org_id: string;
  shipped_revision: string | null;
  loaded_at: Date | null;
}

export type TrainingAssignmentKind = "training" | "learning-week";
export type TrainingTarget = "person" | "site" | "level" | "track";

export interface TrainingAssignmentsTable {
  id: Generated<string>;
  org_id: string;
  program_id: string;
  kind: Generated<TrainingAssignmentKind>;
  target: TrainingTarget;
  person_id: string | null;
  site_id: string | null;
  track_code: string | null;
  level_code: string | null;
  assigned_on: DateString;
  due_on: DateString;
  note: string | null;
  station: string | null;
  supervisor_id: string | null;
  starts_on: DateString | null;
  ends_on: DateString | null;
  created_by: string | null;
  created_at: Timestamp;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export interface TrainingStartsTable {
  assignment_id: string;
  person_id: string;
  org_id: string;
  started_on: DateString;
  recorded_by: string | null;
  recorded_at: Date;
}

export interface TrainingCompletionsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  program_id: string;
  assignment_id: string | null;
  completed_on: DateString;
  expires_on: DateString | null;
  note: string | null;
  evidence_file_id: string | null;
  recorded_by: string;
  recorded_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

export interface TrainingModuleCompletionsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  program_id: string;
  module_id: string;
  completed_on: DateString;
  note: string | null;
  evidence_file_id: string | null;
  recorded_by: string;
  recorded_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

export type TrainingReportStatus = "submitted" | "confirmed" | "rejected";

export interface TrainingCompletionReportsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  program_id: string;
  module_id: string | null;
  completed_on: DateString;
  provider: string | null;
  note: string | null;
  evidence_file_id: string;
  reported_at: Date;
  status: Generated<TrainingReportStatus>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

export interface CeSettingsTable {
  org_id: string;
  settings: unknown;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CeImportsTable {
  id: Generated<string>;
  org_id: string;
  actor_id: string | null;
  file_name: string | null;
  file_sha256: string;
  rows_total: number;
  created: number;
  verified: boolean;
  imported_at: Timestamp;
}

export type CeActivityType = "acpe" | "college-course" | "in-service" | "other";
export type CeRecordSource = "manual" | "csv" | "parsed";

export interface CeRecordsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  title: string;
  provider: string | null;
  uan: string | null;
  completed_on: DateString;
  hours: number;
  activity_type: CeActivityType;
  topic: string | null;
  format: "live" | "home-study" | "blended" | null;
  audience: "technician" | "pharmacist" | null;
  categories: Generated<string[]>;
  source: CeRecordSource;
  verification_status: Generated<VerificationStatus>;
  verified_by: string | null;
  verified_at: Date | null;
  evidence_file_id: string | null;
  import_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EvaluationTemplatesTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  items: unknown;
  version: Generated<number>;
  comment_prompts: Generated<unknown>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface EvaluationsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  site_id: string;
  template_id: string;
  month: DateString;
  ratings: unknown;
  average: number;
  comments: string | null;
  evaluator_id: string;
  acknowledged_at: Date | null;
  technician_comment: string | null;
  prompt_answers: Generated<unknown>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KpiDefinitionsTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  unit: string;
  direction: "higher" | "lower";
  description: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KpiValuesTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  kpi_code: string;
  period_end: DateString;
  value: number;
  source: "manual" | "csv";
  created_by: string | null;
  created_at: Timestamp;
}

export interface KpiImportsTable {
  id: Generated<string>;
  org_id: string;
  imported_by: string | null;
  file_name: string | null;
  rows_total: number;
  created: number;
  replaced: number;
  period_from: DateString | null;
  period_to: DateString | null;
  imported_at: Timestamp;
}

export interface KpiImportFiguresTable {
  import_id: string;
  org_id: string;
  row_number: number;
  person_id: string;
  kpi_code: string;
  period_end: DateString;
  value: number;
  previous_value: number | null;
}

export interface MentorPairingsTable {
  id: Generated<string>;
  org_id: string;
  mentor_id: string;
  mentee_id: string;
  goals: Generated<string>;
  starts_on: DateString;
  ends_on: DateString | null;
  status: Generated<"active" | "ended">;
  created_by: string;
  created_at: Timestamp;
}

export interface MentoringSessionsTable {
  id: Generated<string>;
  org_id: string;
  pairing_id: string;
  held_on: DateString;
  duration_minutes: number;
  topics: string;
  notes: Generated<string>;
  logged_by: string;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  created_at: Timestamp;
}

export type IncentiveMilestone = "certification.exam_passed" | "level.reached" | "training.completed" | "ce.completed";
export type IncentiveReward = "raise" | "bonus" | "conference-ticket" | "tuition-reimbursement";

export interface IncentiveRulesTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  milestone: IncentiveMilestone;
  level_code: string | null;
  /** training.completed only: the program code it is limited to; null for any program. */
  program_code: Generated<string | null>;
  /** ce.completed only: the least hours an activity must have; null for any. */
  min_hours: Generated<number | null>;
  reward: IncentiveReward;
  amount_cents: number;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface IncentiveGrantsTable {
  id: Generated<string>;
  org_id: string;
  rule_id: string;
  event_id: number | string;
  person_id: string;
  reward: IncentiveReward;
  amount_cents: number;
  granted_on: DateString;
  created_at: Timestamp;
}

export interface IncentiveCursorsTable {
  org_id: string;
  last_event_id: number | string;
}

export interface ReimbursementRequestsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  amount_cents: number;
  purpose: string;
  evidence_file_id: string | null;
  status: Generated<"submitted" | "approved" | "rejected">;
  submitted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decided_on: DateString | null;
  decision_note: string | null;
}

export interface JobsTable {
  name: string;
  locked_until: Timestamp;
  locked_by: string | null;
  next_run_at: Timestamp;
  last_run_at: Date | null;
  last_finished_at: Date | null;
  last_error: string | null;
  runs: Generated<number>;
}

export type NotificationKind = "certification-expiring" | "competency-expiring" | "certification-deadline" | "evaluation-due" | "promotion-eligible" | "approval-waiting" | "schedule-changed";

export interface NotificationsTable {
  id: Generated<string>;
  org_id: string;
  recipient_id: string;
  kind: NotificationKind;
  subject_key: string;
  period: string;
  title: string;
  body: string;
  link: string;
  due_on: DateString | null;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface NotificationPreferencesTable {
  person_id: string;
  org_id: string;
  kind: string;
  email: boolean;
  updated_at: Timestamp;
}

export type OutboxStatus = "pending" | "sending" | "sent" | "failed";

export interface EmailOutboxTable {
  id: Generated<string>;
  org_id: string;
  recipient_id: string;
  notification_id: string | null;
  dedupe_key: string;
  to_address: string;
  subject: string;
  body: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_by: string | null;
  claimed_until: Date | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface RotationStationsTable {
  id: Generated<string>;
  org_id: string;
  site_id: string;
  code: string;
  name: string;
  /** [{ competency, minProficiency }]: every one required. */
  competencies: unknown;
  /** [{ anyOf: [codes] }]: every group required, any code of a group. */
  certifications: unknown;
  training_programs: Generated<string[]>;
  unpopular: Generated<boolean>;
  position: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RotationShiftsTable {
  id: Generated<string>;
  org_id: string;
  site_id: string;
  code: string;
  name: string;
  start_minute: number;
  length_minutes: number;
  peak: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface RotationDemandTable {
  org_id: string;
  site_id: string;
  station_id: string;
  shift_id: string;
  weekday: number;
  people: number;
}

export interface RotationSiteStateTable {
  site_id: string;
  org_id: string;
  shipped_revision: string;
  loaded_at: Date;
}

export interface RotationAvailabilityTable {
  person_id: string;
  org_id: string;
  weekly_hours: Generated<number>;
  min_rest_hours: Generated<number>;
  /** ["weekday/shift-code", …] the person works; null: any. */
  shifts: unknown | null;
  preferred_stations: Generated<string[]>;
  avoided_stations: Generated<string[]>;
  float_site_ids: Generated<string[]>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type LeaveKind = "pto" | "sick" | "leave" | "call-out";
export type LeaveStatus = "requested" | "approved" | "rejected" | "cancelled";

export interface RotationLeaveRequestsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  kind: LeaveKind;
  starts_on: DateString;
  ends_on: DateString;
  note: string | null;
  status: LeaveStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

export type RotationPlanStatus = "draft" | "published" | "superseded";

export interface RotationPlansTable {
  id: Generated<string>;
  org_id: string;
  site_id: string;
  starts_on: DateString;
  weeks: number;
  status: RotationPlanStatus;
  solver_status: string;
  objective: number | null;
  bound: number | null;
  solve_ms: Generated<number>;
  shortfalls: unknown;
  created_by: string | null;
  created_at: Date;
  published_by: string | null;
  published_at: Date | null;
}

export interface RotationAssignmentsTable {
  id: Generated<string>;
  org_id: string;
  plan_id: string;
  person_id: string;
  station_id: string;
  shift_id: string;
  day: DateString;
  starts_at: Date;
  ends_at: Date;
  trainee: Generated<boolean>;
  source: "planner" | "manual" | "backfill";
  replaced_person_id: string | null;
  updated_at: Date;
}

export interface RotationCalendarFeedsTable {
  person_id: string;
  org_id: string;
  token_hash: string;
  created_at: Date;
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
  exam_settings: ExamSettingsTable;
  metrics_settings: MetricsSettingsTable;
  employment_segments: EmploymentSegmentsTable;
  exam_items: ExamItemsTable;
  exam_item_stats: ExamItemStatsTable;
  exam_attempts: ExamAttemptsTable;
  exam_attempt_items: ExamAttemptItemsTable;
  exam_item_flags: ExamItemFlagsTable;
  exam_review_cards: ExamReviewCardsTable;
  certification_exam_records: CertificationExamRecordsTable;
  domain_events: DomainEventsTable;
  training_programs: TrainingProgramsTable;
  training_modules: TrainingModulesTable;
  training_catalog_state: TrainingCatalogStateTable;
  training_assignments: TrainingAssignmentsTable;
  training_starts: TrainingStartsTable;
  training_completions: TrainingCompletionsTable;
  training_module_completions: TrainingModuleCompletionsTable;
  training_completion_reports: TrainingCompletionReportsTable;
  ce_settings: CeSettingsTable;
  ce_imports: CeImportsTable;
  ce_records: CeRecordsTable;
  evaluation_templates: EvaluationTemplatesTable;
  evaluations: EvaluationsTable;
  kpi_definitions: KpiDefinitionsTable;
  kpi_values: KpiValuesTable;
  kpi_imports: KpiImportsTable;
  kpi_import_figures: KpiImportFiguresTable;
  mentor_pairings: MentorPairingsTable;
  mentoring_sessions: MentoringSessionsTable;
  incentive_rules: IncentiveRulesTable;
  incentive_grants: IncentiveGrantsTable;
  incentive_cursors: IncentiveCursorsTable;
  reimbursement_requests: ReimbursementRequestsTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  email_outbox: EmailOutboxTable;
  rotation_stations: RotationStationsTable;
  rotation_shifts: RotationShiftsTable;
  rotation_demand: RotationDemandTable;
  rotation_site_state: RotationSiteStateTable;
  rotation_availability: RotationAvailabilityTable;
  rotation_leave_requests: RotationLeaveRequestsTable;
  rotation_plans: RotationPlansTable;
  rotation_assignments: RotationAssignmentsTable;
  rotation_calendar_feeds: RotationCalendarFeedsTable;
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
