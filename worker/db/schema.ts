import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DUPLICATE_REASONS } from '../../shared/rules/dedup';
import { MERGEABLE_ENTITIES } from '../../shared/rules/mergeDependents';
import type { WritableEntity } from '../../shared/api/entities';
import { ActivityKindSchema } from '../../shared/schema/activity';
import { GradeSchema } from '../../shared/schema/company';
import { ContactSourceSchema } from '../../shared/schema/contact';
import { FollowUpKindSchema } from '../../shared/schema/followUp';
import type { CustomField, CustomValues } from '../../shared/schema/customField';
import type { Stage } from '../../shared/schema/pipeline';
import { AuditActionSchema, type AuditDetail } from '../../shared/api/audit';
import { ClaimStatusSchema } from '../../shared/api/claims';
import { LocaleSchema } from '../../shared/schema/primitives';
import { DEFAULT_DIGEST_HOUR, DEFAULT_FIRST_RESPONSE_HOURS, DEFAULT_STALE_AFTER_DAYS, RoleSchema } from '../../shared/schema/team';

/** A zod enum's values as the non-empty tuple drizzle's `enum` option wants. */
const enumOf = <T extends string>(schema: { options: readonly T[] }) => schema.options as unknown as [T, ...T[]];

// Column names are snake_case in SQL and camelCase in TypeScript, matching the shared zod schemas.
// Enums come from the zod schemas' options, and `schemaMatchesZod.ts` fails to compile when a
// table's row type and its zod type drift apart: the zod schema is where a field is defined.

export const teams = sqliteTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  defaultCurrency: text('default_currency').notNull().default('CNY'),
  staleAfterDays: integer('stale_after_days').notNull().default(DEFAULT_STALE_AFTER_DAYS),
  firstResponseHours: integer('first_response_hours').notNull().default(DEFAULT_FIRST_RESPONSE_HOURS),
  /** Last version stamped on any row of this team; rows take versions from it in one batch. */
  version: integer('version').notNull().default(0),
  /**
   * Tombstones and revocations at or below this version may have been purged: a client whose
   * cursor is older cannot catch up by deltas and must resync from scratch.
   */
  minCursor: integer('min_cursor').notNull().default(0),
  /**
   * Remembered mutation answers older than this were purged: an unknown mutation id made
   * before it may have been applied already, so it is refused rather than applied twice.
   */
  mutationHorizon: integer('mutation_horizon').notNull().default(0),
  /** Which version of the lookup-key functions this team's lookup_keys were built with. */
  lookupKeysVersion: integer('lookup_keys_version').notNull().default(0),
  /** While lookup keys are being rebuilt: the last record re-keyed ("contact:<id>" or "company:<id>"). */
  lookupKeysCursor: text('lookup_keys_cursor'),
  createdAt: integer('created_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull().references(() => teams.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: enumOf(RoleSchema) }).notNull(),
    locale: text('locale', { enum: enumOf(LocaleSchema) }).notNull(),
    timeZone: text('time_zone').notNull(),
    digestHour: integer('digest_hour').notNull().default(DEFAULT_DIGEST_HOUR),
    digestEnabled: integer('digest_enabled', { mode: 'boolean' }).notNull().default(true),
    remindDayBefore: integer('remind_day_before', { mode: 'boolean' }).notNull().default(false),
    remindHourBefore: integer('remind_hour_before', { mode: 'boolean' }).notNull().default(true),
    disabledAt: integer('disabled_at'),
    /**
     * This user's devices must pull from scratch if their cursor is older (set when the role
     * changes, since what the user may see changed with it); see teams.minCursor.
     */
    minCursor: integer('min_cursor').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_team').on(t.teamId)],
);

/** Bearer tokens are stored only as SHA-256 hashes; one per device, revocable, expiring. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    teamId: text('team_id').notNull().references(() => teams.id),
    tokenHash: text('token_hash').notNull(),
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    /** When the device last used it (to the hour); each use also pushes expiresAt out (sliding). */
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_user').on(t.userId)],
);

/**
 * One-time sign-in codes sent by email, with a link that does the same. Only hashes are kept;
 * a code is good for 15 minutes, once, and for at most 5 tries (see worker/auth/signInCode.ts).
 */
export const signInCodes = sqliteTable(
  'sign_in_codes',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    /** Hash of the secret only the device that asked holds: it may collect a token once the link is confirmed. */
    requestHash: text('request_hash'),
    /** Hash of the secret in the emailed link; opening it and pressing Confirm sets confirmedAt. */
    linkHash: text('link_hash'),
    confirmedAt: integer('confirmed_at'),
  },
  (t) => [index('sign_in_codes_email_created').on(t.email, t.createdAt)],
);

/** An admin's invitation: the address may sign in and joins the team with the role. */
export const invites = sqliteTable(
  'invites',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull().references(() => teams.id),
    email: text('email').notNull(),
    role: text('role', { enum: enumOf(RoleSchema) }).notNull(),
    invitedBy: text('invited_by').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    acceptedAt: integer('accepted_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('invites_email').on(t.email, t.createdAt), index('invites_team').on(t.teamId)],
);

export const pipelines = sqliteTable('pipelines', {
  teamId: text('team_id').primaryKey().references(() => teams.id),
  stages: text('stages', { mode: 'json' }).$type<Stage[]>().notNull(),
  customFields: text('custom_fields', { mode: 'json' }).$type<CustomField[]>().notNull().default([]),
  allowSkip: integer('allow_skip', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
});

/** Columns every synced row carries. */
const recordColumns = () => ({
  id: text('id').primaryKey(),
  teamId: text('team_id').notNull(),
  ownerId: text('owner_id').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  deletedAt: integer('deleted_at'),
  version: integer('version').notNull(),
});

/** Pull reads "team rows after a version", and for reps "own rows after a version". */
const syncIndexes = (name: string, t: { teamId: any; ownerId: any; version: any }) => [
  index(`${name}_team_version`).on(t.teamId, t.version),
  index(`${name}_team_owner_version`).on(t.teamId, t.ownerId, t.version),
];

export const companies = sqliteTable(
  'companies',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    domain: text('domain'),
    website: text('website'),
    phone: text('phone'),
    address: text('address'),
    industry: text('industry'),
    grade: text('grade', { enum: enumOf(GradeSchema) }),
    mergedIntoId: text('merged_into_id'),
  },
  (t) => syncIndexes('companies', t),
);

export const contacts = sqliteTable(
  'contacts',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    emails: text('emails', { mode: 'json' }).$type<string[]>().notNull(),
    phones: text('phones', { mode: 'json' }).$type<string[]>().notNull(),
    title: text('title'),
    companyId: text('company_id'),
    source: text('source', { enum: enumOf(ContactSourceSchema) }).notNull(),
    sourceUrl: text('source_url'),
    mergedIntoId: text('merged_into_id'),
  },
  // A company's contacts: what a company merge moves.
  (t) => [...syncIndexes('contacts', t), index('contacts_company').on(t.companyId)],
);

export const deals = sqliteTable(
  'deals',
  {
    ...recordColumns(),
    title: text('title').notNull(),
    companyId: text('company_id'),
    contactId: text('contact_id'),
    stageId: text('stage_id').notNull(),
    amountMinor: integer('amount_minor'),
    currency: text('currency').notNull(),
    expectedCloseAt: integer('expected_close_at'),
    lostReason: text('lost_reason'),
    contractNumber: text('contract_number'),
    signedAt: integer('signed_at'),
    collectedAmountMinor: integer('collected_amount_minor'),
    collectedAt: integer('collected_at'),
    custom: text('custom', { mode: 'json' }).$type<CustomValues>().notNull().default({}),
  },
  // A contact's or company's deals: what a merge moves, and the reports' joins.
  (t) => [
    ...syncIndexes('deals', t),
    index('deals_contact').on(t.contactId),
    index('deals_company').on(t.companyId),
    // Reports: deals created in a period (funnel, first response), expected to close in one (forecast).
    index('deals_team_created').on(t.teamId, t.createdAt),
    index('deals_team_close').on(t.teamId, t.expectedCloseAt),
  ],
);

export const followUps = sqliteTable(
  'follow_ups',
  {
    ...recordColumns(),
    kind: text('kind', { enum: enumOf(FollowUpKindSchema) }).notNull(),
    title: text('title').notNull(),
    dueAt: integer('due_at').notNull(),
    doneAt: integer('done_at'),
    outcome: text('outcome'),
    contactId: text('contact_id'),
    dealId: text('deal_id'),
  },
  (t) => [...syncIndexes('follow_ups', t), index('follow_ups_owner_due').on(t.ownerId, t.doneAt, t.dueAt), index('follow_ups_deal').on(t.dealId), index('follow_ups_contact').on(t.contactId), index('follow_ups_team_due').on(t.teamId, t.dueAt, t.ownerId, t.doneAt, t.deletedAt)],
);

export const activities = sqliteTable(
  'activities',
  {
    ...recordColumns(),
    kind: text('kind', { enum: enumOf(ActivityKindSchema) }).notNull(),
    occurredAt: integer('occurred_at').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    sourceUrl: text('source_url'),
    contactId: text('contact_id'),
    dealId: text('deal_id'),
    companyId: text('company_id'),
  },
  (t) => [
    ...syncIndexes('activities', t),
    // Digests and reports: a deal's last activity, a lead's first, what was recorded when.
    index('activities_deal_occurred').on(t.dealId, t.occurredAt),
    // A contact's activities, and its first after a date (first response).
    index('activities_contact_occurred').on(t.contactId, t.occurredAt),
    index('activities_company').on(t.companyId),
    // Covering for what was recorded when (digests, data quality): no row reads.
    index('activities_team_recorded').on(t.teamId, t.recordedAt, t.occurredAt, t.ownerId, t.deletedAt),
    // Covering for activity volume: a period's activities by member and kind without reading rows.
    index('activities_team_occurred').on(t.teamId, t.occurredAt, t.ownerId, t.kind, t.deletedAt),
  ],
);

export const stageChanges = sqliteTable(
  'stage_changes',
  {
    ...recordColumns(),
    dealId: text('deal_id').notNull(),
    fromStageId: text('from_stage_id'),
    toStageId: text('to_stage_id').notNull(),
    changedAt: integer('changed_at').notNull(),
    changedBy: text('changed_by').notNull(),
  },
  // A deal's history in order, covering (time in stage, first entries); stage moves in a period.
  (t) => [...syncIndexes('stage_changes', t), index('stage_changes_deal_changed').on(t.dealId, t.changedAt, t.id, t.toStageId, t.deletedAt), index('stage_changes_team_changed').on(t.teamId, t.changedAt, t.dealId, t.toStageId, t.deletedAt, t.id)],
);

/**
 * A record left a user's sight (reassigned to someone else). Pulled like a row change, so the
 * user's devices drop their copy; PowerSync calls this REMOVE, as distinct from DELETE.
 */
export const accessRevocations = sqliteTable(
  'access_revocations',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('access_revocations_user_version').on(t.teamId, t.userId, t.version)],
);

/** Every mutation id the server has answered, with the answer, so a resend gets the same one. */
export const appliedMutations = sqliteTable(
  'applied_mutations',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    clientId: text('client_id').notNull(),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    /** The version stamped by this mutation's main row write; null when rejected or a no-op. */
    version: integer('version'),
    error: text('error', { mode: 'json' }).$type<{ code: string; message: string; field?: string; existing?: unknown }>(),
    appliedAt: integer('applied_at').notNull(),
  },
  (t) => [index('applied_mutations_applied_at').on(t.appliedAt)],
);

/**
 * Normalised keys of live contacts and companies (email, phone, company domain and name) so a
 * duplicate lookup is an index probe whatever the team's size. The partial unique index is the
 * database's own guard on the rule "one live contact per email within a team".
 */
export const lookupKeys = sqliteTable(
  'lookup_keys',
  {
    teamId: text('team_id').notNull(),
    kind: text('kind', { enum: DUPLICATE_REASONS }).notNull(),
    key: text('key').notNull(),
    recordId: text('record_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.kind, t.key, t.recordId] }),
    uniqueIndex('lookup_keys_one_contact_per_email').on(t.teamId, t.key).where(sql`kind = 'email'`),
    index('lookup_keys_record').on(t.recordId),
  ],
);

/**
 * Never holds a row: a trigger (migration 0002) aborts the whole batch when an insert's expected
 * version is not the team's current one, and otherwise drops the insert. Each push's write batch
 * starts with one, which turns "decide on what I read" into "write only if nothing moved".
 */
export const pushGuards = sqliteTable('push_guards', {
  teamId: text('team_id').notNull(),
  expectedVersion: integer('expected_version').notNull(),
});

/**
 * Who changed what: one row per applied change (and per admin action), with each changed
 * field's old and new value in `detail.changes`. Append-only: triggers (migration 0007) refuse
 * UPDATE and DELETE, and no route writes here except by inserting.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    userId: text('user_id'),
    /** The api_tokens row (device) the change came through; null for the server's own work. */
    deviceId: text('device_id'),
    action: text('action', { enum: enumOf(AuditActionSchema) }).notNull(),
    entity: text('entity'),
    recordId: text('record_id'),
    at: integer('at').notNull(),
    detail: text('detail', { mode: 'json' }).$type<AuditDetail | null>(),
  },
  (t) => [
    index('audit_log_team_at').on(t.teamId, t.at),
    index('audit_log_team_record').on(t.teamId, t.recordId, t.at),
    index('audit_log_team_user_at').on(t.teamId, t.userId, t.at),
  ],
);

/**
 * Merges of two contacts or two companies, kept so one can be undone within MERGE_UNDO_DAYS:
 * the survivor's fields before and after, and which records moved over through which field.
 * The merged record itself is only marked (deleted, merged_into_id), so its own fields need no copy.
 */
export const merges = sqliteTable(
  'merges',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    entity: text('entity', { enum: MERGEABLE_ENTITIES }).notNull(),
    survivorId: text('survivor_id').notNull(),
    mergedId: text('merged_id').notNull(),
    mergedName: text('merged_name').notNull(),
    mergedBy: text('merged_by').notNull(),
    mergedAt: integer('merged_at').notNull(),
    undoneAt: integer('undone_at'),
    undoneBy: text('undone_by'),
    survivorBefore: text('survivor_before', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    survivorAfter: text('survivor_after', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    moved: text('moved', { mode: 'json' }).$type<MovedRecord[]>().notNull(),
  },
  (t) => [index('merges_team_survivor').on(t.teamId, t.survivorId), index('merges_team_merged').on(t.teamId, t.mergedId)],
);
export type MovedRecord = { entity: WritableEntity; id: string; field: string };

/**
 * 撞单 requests: a rep asking for a teammate's customer. At most one open request per contact and
 * requester (a partial unique index, so two clicks at once make one request).
 */
export const claimRequests = sqliteTable(
  'claim_requests',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    contactId: text('contact_id').notNull(),
    requesterId: text('requester_id').notNull(),
    ownerId: text('owner_id').notNull(),
    status: text('status', { enum: enumOf(ClaimStatusSchema) }).notNull(),
    note: text('note'),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    createdAt: integer('created_at').notNull(),
    decidedAt: integer('decided_at'),
  },
  (t) => [
    uniqueIndex('claim_requests_one_open').on(t.contactId, t.requesterId).where(sql`status = 'open'`),
    index('claim_requests_team_status').on(t.teamId, t.status, t.createdAt),
  ],
);

/** One row per scheduled() invocation, so operators can see the cron fire, with what it did. */
export const cronRuns = sqliteTable('cron_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  cron: text('cron').notNull(),
  scheduledAt: integer('scheduled_at').notNull(),
  ranAt: integer('ran_at').notNull(),
  /** The digest step's figures: sent, failed, skipped, D1 queries, milliseconds. */
  detail: text('detail', { mode: 'json' }).$type<Record<string, number>>(),
});

/**
 * One row per user and local date: the durable claim that makes a digest go out at most once
 * a day although cron is at-least-once and runs may overlap. Taken (status 'claimed') before
 * sending, 'sent' with the message id after; a failed send is 'failed' and the next run may
 * claim it again (attempts counts the tries). The unique key is the whole mechanism.
 */
export const digestSends = sqliteTable(
  'digest_sends',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    /** yyyy-mm-dd in the user's time zone when the digest was due. */
    localDate: text('local_date').notNull(),
    status: text('status', { enum: ['claimed', 'sent', 'failed', 'empty'] }).notNull(),
    attempts: integer('attempts').notNull().default(1),
    claimedAt: integer('claimed_at').notNull(),
    sentAt: integer('sent_at'),
    messageId: text('message_id'),
    lastError: text('last_error'),
    /** Hash of the key in this message's unsubscribe link (single-purpose, expires with DIGEST_LINK_DAYS). */
    unsubscribeHash: text('unsubscribe_hash'),
  },
  (t) => [uniqueIndex('digest_sends_user_date').on(t.userId, t.localDate), index('digest_sends_team_status').on(t.teamId, t.status)],
);
