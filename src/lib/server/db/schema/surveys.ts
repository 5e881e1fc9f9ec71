import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import type { Answer, SurveyDefinition } from '../../../domain/survey';
import { service, user } from './core';

export const surveyStatuses = ['draft', 'open', 'closed', 'archived'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];
export const accessModes = ['public', 'invitation'] as const;
export const anonymityModes = ['anonymous', 'confidential'] as const;
export const channels = [
	'online',
	'telephone',
	'paper',
	'face-to-face',
	'assisted-online'
] as const;
export type Channel = (typeof channels)[number];
export const tenures = ['LCRA', 'LCHO'] as const;

const now = sql`(unixepoch('subsec') * 1000)`;

export const survey = sqliteTable(
	'survey',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/** The readable part of the public link: /s/<slug>. */
		slug: text('slug').notNull(),
		templateKey: text('template_key'),
		status: text('status', { enum: surveyStatuses }).notNull().default('draft'),
		accessMode: text('access_mode', { enum: accessModes }).notNull().default('public'),
		anonymity: text('anonymity', { enum: anonymityModes }).notNull().default('anonymous'),
		serviceId: integer('service_id').references(() => service.id),
		opensAt: integer('opens_at', { mode: 'timestamp_ms' }),
		closesAt: integer('closes_at', { mode: 'timestamp_ms' }),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('survey_slug_unique').on(t.slug)]
);

/** What was asked. A version that has responses is never changed in structure again. */
export const surveyVersion = sqliteTable(
	'survey_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id, { onDelete: 'cascade' }),
		number: integer('number').notNull(),
		definition: text('definition', { mode: 'json' }).$type<SurveyDefinition>().notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('survey_version_number').on(t.surveyId, t.number)]
);

export const responseStatuses = ['in-progress', 'submitted'] as const;

export const response = sqliteTable(
	'response',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id),
		versionId: integer('version_id')
			.notNull()
			.references(() => surveyVersion.id),
		/** Shown on the confirmation page, e.g. RH-7KX3-Q9PD. */
		reference: text('reference').notNull(),
		status: text('status', { enum: responseStatuses }).notNull().default('in-progress'),
		channel: text('channel', { enum: channels }).notNull().default('online'),
		/** The member of staff who entered it (telephone, paper, face to face). */
		enteredBy: integer('entered_by').references(() => user.id, { onDelete: 'set null' }),
		/** Only on confidential surveys. */
		customerId: integer('customer_id'),
		/** Kept while in progress so the invitation link resumes it; cleared on an anonymous submit. */
		invitationId: integer('invitation_id'),
		tenure: text('tenure', { enum: tenures }),
		serviceId: integer('service_id').references(() => service.id),
		/** SHA-256 of the link token that resumes an unfinished response. */
		resumeTokenHash: text('resume_token_hash'),
		/**
		 * The link before it: opening an invitation again issues a new link, and a tab still open on
		 * the old one must not lose the page being answered.
		 */
		previousResumeTokenHash: text('previous_resume_token_hash'),
		submissionId: text('submission_id'),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull().default(now),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('response_reference_unique').on(t.reference),
		uniqueIndex('response_resume_unique').on(t.resumeTokenHash),
		uniqueIndex('response_previous_resume_unique').on(t.previousResumeTokenHash),
		uniqueIndex('response_submission_unique').on(t.surveyId, t.submissionId),
		index('response_survey_status_idx').on(t.surveyId, t.status, t.submittedAt)
	]
);

/** One answer per question per response. */
export const answer = sqliteTable(
	'answer',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => response.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		questionCode: text('question_code').notNull(),
		value: text('value', { mode: 'json' }).$type<Answer>().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.responseId, t.questionId] }),
		index('answer_code_idx').on(t.questionCode),
		// Results count answers per question and value without reading the table itself.
		index('answer_question_value_idx').on(t.questionId, t.value, t.responseId)
	]
);

/**
 * Equality-monitoring answers, stored apart from survey answers: never shown one person at a
 * time, only in aggregates above the minimum group size. Special category data is flagged.
 */
export const equalityAnswer = sqliteTable(
	'equality_answer',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => response.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		questionCode: text('question_code').notNull(),
		specialCategory: integer('special_category', { mode: 'boolean' }).notNull(),
		value: text('value', { mode: 'json' }).$type<Answer>().notNull()
	},
	(t) => [primaryKey({ columns: [t.responseId, t.questionId] })]
);

export const invitationStatuses = ['pending', 'sent', 'failed', 'used', 'revoked'] as const;

/** A single-use link for one person to one survey. Only the token's hash is kept. */
export const invitation = sqliteTable(
	'invitation',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		customerId: integer('customer_id'),
		status: text('status', { enum: invitationStatuses }).notNull().default('pending'),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
		openedAt: integer('opened_at', { mode: 'timestamp_ms' }),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		batchId: integer('batch_id'),
		/** The latest message carrying this link; its status is the invitation's delivery status. */
		mailId: integer('mail_id'),
		/** SHA-256 of the unsubscribe token in the same message. */
		unsubscribeHash: text('unsubscribe_hash'),
		remindersSent: integer('reminders_sent').notNull().default(0),
		lastSentAt: integer('last_sent_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		uniqueIndex('invitation_token_unique').on(t.tokenHash),
		index('invitation_survey_idx').on(t.surveyId),
		index('invitation_batch_idx').on(t.batchId),
		index('invitation_unsubscribe_idx').on(t.unsubscribeHash)
	]
);

export const invitationLinkPurposes = ['answer', 'unsubscribe'] as const;

/**
 * Links sent in earlier emails about an invitation. A reminder carries new links (only hashes are
 * kept, so the old ones cannot be sent again), and every link already sent must go on working:
 * a customer may answer, or unsubscribe, from the first email.
 */
export const invitationLink = sqliteTable(
	'invitation_link',
	{
		tokenHash: text('token_hash').primaryKey(),
		invitationId: integer('invitation_id')
			.notNull()
			.references(() => invitation.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: invitationLinkPurposes }).notNull(),
		/** The email that carried the link, so forgetting the invitation forgets that email too. */
		mailId: integer('mail_id')
	},
	(t) => [index('invitation_link_invitation_idx').on(t.invitationId)]
);

export type Survey = typeof survey.$inferSelect;
export type SurveyVersion = typeof surveyVersion.$inferSelect;
export type Response = typeof response.$inferSelect;
export type Invitation = typeof invitation.$inferSelect;
