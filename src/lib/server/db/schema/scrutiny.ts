import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { service, user } from './core';
import { actionStatuses } from './consultations';
import { survey } from './surveys';

const now = sql`(unixepoch('subsec') * 1000)`;

export const scrutinyEvidenceKinds = [
	'survey-results',
	'complaints',
	'mystery-shopping',
	'document',
	'interview',
	'site-visit',
	'other'
] as const;
export type ScrutinyEvidenceKind = (typeof scrutinyEvidenceKinds)[number];

/** The organisation's answer to one recommendation of the panel. */
export const recommendationResponses = ['accepted', 'partly', 'rejected'] as const;
export type RecommendationResponse = (typeof recommendationResponses)[number];

export const remarkKinds = ['comment', 'challenge'] as const;
export type RemarkKind = (typeof remarkKinds)[number];

/**
 * One scrutiny review by the tenant panel: what it looks at and why, the evidence it gathered and
 * its recommendations. Once `submittedAt` is set the panel's part is fixed and the organisation
 * answers each recommendation. Its stage is worked out from these rows
 * (src/lib/domain/scrutiny/stage.ts), never stored.
 */
export const scrutinyReview = sqliteTable('scrutiny_review', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	/** What the review looks at, and why the panel chose it. */
	scope: text('scope').notNull(),
	serviceId: integer('service_id').references(() => service.id),
	/** Europe/London calendar date (YYYY-MM-DD). */
	startedOn: text('started_on').notNull(),
	createdById: integer('created_by_id').references(() => user.id, { onDelete: 'set null' }),
	submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/** Something the panel looked at. A survey's results link to the panel's own results page. */
export const scrutinyEvidence = sqliteTable(
	'scrutiny_evidence',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		reviewId: integer('review_id')
			.notNull()
			.references(() => scrutinyReview.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: scrutinyEvidenceKinds }).notNull(),
		title: text('title').notNull(),
		/** What the panel found in it. */
		summary: text('summary').notNull(),
		surveyId: integer('survey_id').references(() => survey.id, { onDelete: 'set null' }),
		addedById: integer('added_by_id').references(() => user.id, { onDelete: 'set null' }),
		addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('scrutiny_evidence_review_idx').on(t.reviewId)]
);

export const scrutinyRecommendation = sqliteTable(
	'scrutiny_recommendation',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		reviewId: integer('review_id')
			.notNull()
			.references(() => scrutinyReview.id, { onDelete: 'cascade' }),
		/** Numbered in the order written: recommendation 1, 2, … */
		position: integer('position').notNull(),
		body: text('body').notNull(),
		response: text('response', { enum: recommendationResponses }),
		/** Why, in the organisation's words; required unless accepted. */
		reasons: text('reasons').notNull().default(''),
		respondedById: integer('responded_by_id').references(() => user.id, { onDelete: 'set null' }),
		respondedAt: integer('responded_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('scrutiny_recommendation_review_idx').on(t.reviewId)]
);

/** What the organisation will do about an accepted (or partly accepted) recommendation. */
export const scrutinyAction = sqliteTable(
	'scrutiny_action',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		recommendationId: integer('recommendation_id')
			.notNull()
			.references(() => scrutinyRecommendation.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		ownerId: integer('owner_id').references(() => user.id, { onDelete: 'set null' }),
		/** Europe/London calendar dates (YYYY-MM-DD). */
		dueOn: text('due_on').notNull(),
		status: text('status', { enum: actionStatuses }).notNull().default('planned'),
		/** The latest word on how it is going, or what came of it. */
		progress: text('progress').notNull().default(''),
		completedOn: text('completed_on'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('scrutiny_action_recommendation_idx').on(t.recommendationId)]
);

/**
 * A panel member's comment on a survey's results, or a challenge the organisation must answer.
 * Written on totals the panel saw, so it never holds anything of a respondent's.
 */
export const resultRemark = sqliteTable(
	'result_remark',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: remarkKinds }).notNull(),
		body: text('body').notNull(),
		authorId: integer('author_id').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		reply: text('reply'),
		repliedById: integer('replied_by_id').references(() => user.id, { onDelete: 'set null' }),
		repliedAt: integer('replied_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('result_remark_survey_idx').on(t.surveyId, t.createdAt)]
);
