import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { service, user } from './core';

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const contactKinds = ['question', 'comment', 'compliment', 'complaint'] as const;
export type ContactKind = (typeof contactKinds)[number];

export const contactChannels = [
	'phone',
	'email',
	'letter',
	'web-form',
	'in-person',
	'social-media'
] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** One thing a customer got in touch about. A complaint adds a `complaint` row beside it. */
export const contact = sqliteTable(
	'contact',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** What the customer is told to quote; unique, never reused. */
		reference: text('reference').notNull(),
		kind: text('kind', { enum: contactKinds }).notNull(),
		serviceId: integer('service_id').references(() => service.id),
		channel: text('channel', { enum: contactChannels }).notNull(),
		receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
		text: text('text').notNull(),
		/** Null until someone records it; true when nothing more was needed after the first contact. */
		resolvedAtFirstContact: integer('resolved_at_first_contact', { mode: 'boolean' }),
		ownerId: integer('owner_id').references(() => user.id, { onDelete: 'set null' }),
		customerName: text('customer_name'),
		customerEmail: text('customer_email'),
		customerPhone: text('customer_phone'),
		/** "May we contact you about this?" — also governs the complaint-handling survey. */
		contactConsent: integer('contact_consent', { mode: 'boolean' }).notNull().default(false),
		/** Filled in when customer records exist; no foreign key until then. */
		customerId: integer('customer_id'),
		/** Who a compliment names: a member of staff or a team. */
		complimentFor: text('compliment_for'),
		complimentPassedOnAt: integer('compliment_passed_on_at', { mode: 'timestamp_ms' }),
		complimentPassedOnTo: text('compliment_passed_on_to'),
		/** When the customer was first replied to; what a reply standard measures. */
		repliedAt: integer('replied_at', { mode: 'timestamp_ms' }),
		anonymisedAt: integer('anonymised_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('contact_reference_unique').on(t.reference),
		index('contact_received_idx').on(t.receivedAt),
		index('contact_service_idx').on(t.serviceId, t.kind)
	]
);

export const complaintNatures = [
	'delay',
	'quality-of-work',
	'staff-conduct',
	'communication',
	'policy-or-decision',
	'charges',
	'other'
] as const;
export type ComplaintNature = (typeof complaintNatures)[number];

export const complaintStatuses = ['open', 'closed', 'refused'] as const;

export const complaint = sqliteTable(
	'complaint',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		contactId: integer('contact_id')
			.notNull()
			.references(() => contact.id),
		nature: text('nature', { enum: complaintNatures }).notNull(),
		status: text('status', { enum: complaintStatuses }).notNull().default('open'),
		currentStage: integer('current_stage').notNull().default(1),
		refusalReason: text('refusal_reason'),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('complaint_contact_unique').on(t.contactId),
		index('complaint_status_idx').on(t.status)
	]
);

export const complaintOutcomeValues = [
	'upheld',
	'partly-upheld',
	'not-upheld',
	'withdrawn',
	'unresolved'
] as const;

/** One stage of a complaint. Stage 2 is received when the customer asks to escalate. */
export const complaintStage = sqliteTable(
	'complaint_stage',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		complaintId: integer('complaint_id')
			.notNull()
			.references(() => complaint.id, { onDelete: 'cascade' }),
		stage: integer('stage').notNull(),
		handlerId: integer('handler_id').references(() => user.id, { onDelete: 'set null' }),
		receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
		acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }),
		respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
		outcome: text('outcome', { enum: complaintOutcomeValues }),
		remedy: text('remedy'),
		compensationPence: integer('compensation_pence'),
		learning: text('learning'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('complaint_stage_unique').on(t.complaintId, t.stage),
		index('complaint_stage_handler_idx').on(t.handlerId)
	]
);

/** At most one extension per stage; changing it is audited. */
export const complaintExtension = sqliteTable('complaint_extension', {
	stageId: integer('stage_id')
		.primaryKey()
		.references(() => complaintStage.id, { onDelete: 'cascade' }),
	workingDays: integer('working_days').notNull(),
	reason: text('reason').notNull(),
	/** Why an extension beyond the preset's maximum is justified; required only then. */
	goodReason: text('good_reason'),
	customerToldAt: integer('customer_told_at', { mode: 'timestamp_ms' }).notNull(),
	/** Longer than the preset's maximum, accepted on a recorded good reason. */
	beyondMaximum: integer('beyond_maximum', { mode: 'boolean' }).notNull().default(false),
	createdAt: createdAt()
});

/** Days the organisation is closed on top of bank holidays; they do not count as working days. */
export const closureDay = sqliteTable('closure_day', {
	date: text('date').primaryKey(),
	note: text('note').notNull().default(''),
	createdAt: createdAt()
});

/** One row (id = 1): which timescale preset the organisation follows. */
export const complaintSettings = sqliteTable('complaint_settings', {
	id: integer('id').primaryKey(),
	presetId: text('preset_id').notNull().default('housing-ombudsman-2024'),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export const selfAssessmentVerdicts = ['yes', 'partly', 'no'] as const;

/** The Code's self-assessment table, one row per provision, edited by admins. */
export const complaintSelfAssessment = sqliteTable('complaint_self_assessment', {
	code: text('code').primaryKey(),
	complies: text('complies', { enum: selfAssessmentVerdicts }),
	evidence: text('evidence').notNull().default(''),
	commentary: text('commentary').notNull().default(''),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export const handlingSurveyStatuses = ['pending', 'sent', 'skipped'] as const;

/**
 * Complaints closed at their last stage whose customer agreed to be contacted: the
 * complaint-handling satisfaction survey picks these up and sends the invitation.
 */
export const complaintHandlingSurveyInvitation = sqliteTable(
	'complaint_handling_survey_invitation',
	{
		complaintId: integer('complaint_id')
			.primaryKey()
			.references(() => complaint.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		status: text('status', { enum: handlingSurveyStatuses }).notNull().default('pending'),
		queuedAt: integer('queued_at', { mode: 'timestamp_ms' }).notNull(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		/** The single-use survey invitation sent for it, so the answer can be tied back. */
		invitationId: integer('invitation_id')
	},
	(t) => [index('handling_invitation_status_idx').on(t.status)]
);

/**
 * A complaint-handling survey response tied to its complaint. It survives the customer being
 * anonymised, so aggregate satisfaction by service, outcome, stage and timeliness stays readable.
 */
export const complaintHandlingResponse = sqliteTable(
	'complaint_handling_response',
	{
		complaintId: integer('complaint_id')
			.notNull()
			.references(() => complaint.id, { onDelete: 'cascade' }),
		/** The survey response; its foreign key arrives with the survey tables. */
		responseId: integer('response_id').notNull(),
		/** 1 = very dissatisfied … 5 = very satisfied; null for "don't know". */
		overallSatisfaction: integer('overall_satisfaction'),
		respondedAt: integer('responded_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.complaintId, t.responseId] }),
		index('handling_response_complaint_idx').on(t.complaintId)
	]
);

export type Contact = typeof contact.$inferSelect;
export type Complaint = typeof complaint.$inferSelect;
export type ComplaintStageRow = typeof complaintStage.$inferSelect;
export type ComplaintExtensionRow = typeof complaintExtension.$inferSelect;
