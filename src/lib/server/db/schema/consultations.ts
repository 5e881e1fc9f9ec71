import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { mailMessage, service, user } from './core';
import { theme } from './results';
import { survey } from './surveys';

const now = sql`(unixepoch('subsec') * 1000)`;
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now);

export const consultationStatuses = [
	'forthcoming',
	'open',
	'closed',
	'analysing',
	'outcome-published'
] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

export const actionStatuses = ['planned', 'in-progress', 'done', 'not-possible'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/**
 * "We asked": one topic the organisation consulted on. Dates are Europe/London calendar dates
 * (YYYY-MM-DD). Nothing of it is public until `publishedAt` is set.
 */
export const consultation = sqliteTable(
	'consultation',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** The readable part of the public address: /you-said-we-did/<slug>. */
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		/** The question consulted on, in the words put to people. */
		question: text('question').notNull(),
		affected: text('affected').notNull().default(''),
		background: text('background').notNull().default(''),
		serviceId: integer('service_id').references(() => service.id),
		opensOn: text('opens_on'),
		closesOn: text('closes_on'),
		status: text('status', { enum: consultationStatuses }).notNull().default('forthcoming'),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		/** The first time it was published; never cleared, so republishing is not news again. */
		firstPublishedAt: integer('first_published_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('consultation_slug_unique').on(t.slug)]
);

/** A background document: a link, or text written on the page. */
export const consultationDocument = sqliteTable('consultation_document', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	consultationId: integer('consultation_id')
		.notNull()
		.references(() => consultation.id, { onDelete: 'cascade' }),
	title: text('title').notNull(),
	url: text('url'),
	body: text('body').notNull().default('')
});

export const consultationSurvey = sqliteTable(
	'consultation_survey',
	{
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultation.id, { onDelete: 'cascade' }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.consultationId, t.surveyId] }),
		index('consultation_survey_survey_idx').on(t.surveyId)
	]
);

/** One meeting of a consultation. Attendance is kept as counts, never names. */
export const focusGroup = sqliteTable(
	'focus_group',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultation.id, { onDelete: 'cascade' }),
		heldOn: text('held_on').notNull(),
		place: text('place').notNull(),
		online: integer('online', { mode: 'boolean' }).notNull().default(false),
		facilitators: text('facilitators').notNull(),
		attendees: integer('attendees').notNull(),
		/** What the people attending agreed to, e.g. notes taken and anonymised quotes published. */
		consent: text('consent').notNull(),
		notes: text('notes').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [index('focus_group_consultation_idx').on(t.consultationId)]
);

export const profileDimensions = ['age', 'tenure', 'area', 'equality'] as const;
export type ProfileDimension = (typeof profileDimensions)[number];

/** How many attendees were in one category of the profile (e.g. age 25–34: 3). */
export const focusGroupProfile = sqliteTable(
	'focus_group_profile',
	{
		focusGroupId: integer('focus_group_id')
			.notNull()
			.references(() => focusGroup.id, { onDelete: 'cascade' }),
		dimension: text('dimension', { enum: profileDimensions }).notNull(),
		category: text('category').notNull(),
		count: integer('count').notNull()
	},
	(t) => [primaryKey({ columns: [t.focusGroupId, t.dimension, t.category] })]
);

export const focusGroupTheme = sqliteTable(
	'focus_group_theme',
	{
		focusGroupId: integer('focus_group_id')
			.notNull()
			.references(() => focusGroup.id, { onDelete: 'cascade' }),
		themeId: integer('theme_id')
			.notNull()
			.references(() => theme.id)
	},
	(t) => [
		primaryKey({ columns: [t.focusGroupId, t.themeId] }),
		index('focus_group_theme_theme_idx').on(t.themeId)
	]
);

/**
 * Something said at a focus group. It may be shown publicly only once a member of staff has
 * confirmed it carries no personal details (`approvedAt`).
 */
export const focusGroupQuote = sqliteTable('focus_group_quote', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	focusGroupId: integer('focus_group_id')
		.notNull()
		.references(() => focusGroup.id, { onDelete: 'cascade' }),
	text: text('text').notNull(),
	approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
	approvedBy: integer('approved_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: createdAt()
});

/** "You said": a short statement of what people said. */
export const finding = sqliteTable(
	'finding',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultation.id, { onDelete: 'cascade' }),
		statement: text('statement').notNull(),
		position: integer('position').notNull().default(0),
		/** A finding is public only once staff publish it (and its consultation is published). */
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [index('finding_consultation_idx').on(t.consultationId)]
);

export const evidenceKinds = ['question', 'theme', 'quote'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** What a finding rests on: a survey question's result, a theme's counts or an approved quote. */
export const findingEvidence = sqliteTable(
	'finding_evidence',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		findingId: integer('finding_id')
			.notNull()
			.references(() => finding.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: evidenceKinds }).notNull(),
		surveyId: integer('survey_id').references(() => survey.id, { onDelete: 'cascade' }),
		questionId: text('question_id'),
		themeId: integer('theme_id').references(() => theme.id),
		quoteId: integer('quote_id').references(() => focusGroupQuote.id, { onDelete: 'cascade' })
	},
	(t) => [index('finding_evidence_finding_idx').on(t.findingId)]
);

/**
 * "We did": what will be or was done. Public once `publishedAt` is set (and its consultation is
 * published); the owner is never shown publicly.
 */
export const consultationAction = sqliteTable(
	'consultation_action',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultation.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		ownerId: integer('owner_id').references(() => user.id, { onDelete: 'set null' }),
		serviceId: integer('service_id').references(() => service.id),
		dueOn: text('due_on'),
		status: text('status', { enum: actionStatuses }).notNull().default('planned'),
		/** Why it could not be done; required for "not possible". */
		reason: text('reason').notNull().default(''),
		outcome: text('outcome').notNull().default(''),
		completedOn: text('completed_on'),
		/** The instant it was last marked done: decides which subscribers are told. */
		doneAt: integer('done_at', { mode: 'timestamp_ms' }),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		/** The first time it was published; never cleared, so republishing is not news again. */
		firstPublishedAt: integer('first_published_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('consultation_action_consultation_idx').on(t.consultationId)]
);

export const actionFinding = sqliteTable(
	'action_finding',
	{
		actionId: integer('action_id')
			.notNull()
			.references(() => consultationAction.id, { onDelete: 'cascade' }),
		findingId: integer('finding_id')
			.notNull()
			.references(() => finding.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.actionId, t.findingId] })]
);

export const actionProgress = sqliteTable(
	'action_progress',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actionId: integer('action_id')
			.notNull()
			.references(() => consultationAction.id, { onDelete: 'cascade' }),
		notedOn: text('noted_on').notNull(),
		note: text('note').notNull(),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('action_progress_action_idx').on(t.actionId)]
);

/** Someone who asked to hear what happens to a consultation; told nothing until confirmed. */
export const subscriber = sqliteTable(
	'subscriber',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		consultationId: integer('consultation_id')
			.notNull()
			.references(() => consultation.id, { onDelete: 'cascade' }),
		/** Erased (null) when they unsubscribe: we keep only that someone was told, not who. */
		email: text('email'),
		confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
		unsubscribedAt: integer('unsubscribed_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('subscriber_unique').on(t.consultationId, t.email)]
);

export const subscriberTokenPurposes = ['confirm', 'unsubscribe'] as const;

/** Links sent to a subscriber; only the SHA-256 of each is kept. */
export const subscriberToken = sqliteTable(
	'subscriber_token',
	{
		tokenHash: text('token_hash').primaryKey(),
		subscriberId: integer('subscriber_id')
			.notNull()
			.references(() => subscriber.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: subscriberTokenPurposes }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('subscriber_token_subscriber_idx').on(t.subscriberId)]
);

export const notificationEvents = ['published', 'done'] as const;
export type NotificationEvent = (typeof notificationEvents)[number];

/**
 * One email to one subscriber about one event of one action. The unique key is what makes
 * "exactly one email" hold however often the action is saved.
 */
export const actionNotification = sqliteTable(
	'action_notification',
	{
		actionId: integer('action_id')
			.notNull()
			.references(() => consultationAction.id, { onDelete: 'cascade' }),
		event: text('event', { enum: notificationEvents }).notNull(),
		subscriberId: integer('subscriber_id')
			.notNull()
			.references(() => subscriber.id, { onDelete: 'cascade' }),
		mailId: integer('mail_id').references(() => mailMessage.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.actionId, t.event, t.subscriberId] })]
);

export type Consultation = typeof consultation.$inferSelect;
export type ConsultationActionRow = typeof consultationAction.$inferSelect;
export type FocusGroup = typeof focusGroup.$inferSelect;
