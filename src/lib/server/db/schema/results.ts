import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { user } from './core';
import { response, survey, tenures } from './surveys';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * The organisation's codebook of themes, shared by survey comments (and later focus groups and
 * contacts). A merged theme points at the theme it went into; a retired one is kept so past
 * tagging still reads, but is no longer offered.
 */
export const theme = sqliteTable(
	'theme',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		/** Comma-separated words that suggest the theme when they appear in a comment. */
		keywords: text('keywords').notNull().default(''),
		retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
		mergedIntoId: integer('merged_into_id'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('theme_name_unique').on(sql`lower(${t.name})`)]
);

/** A theme tagged on one free-text answer. */
export const answerTheme = sqliteTable(
	'answer_theme',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => response.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		themeId: integer('theme_id')
			.notNull()
			.references(() => theme.id),
		taggedBy: integer('tagged_by').references(() => user.id, { onDelete: 'set null' }),
		taggedAt: integer('tagged_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		primaryKey({ columns: [t.responseId, t.questionId, t.themeId] }),
		index('answer_theme_theme_idx').on(t.themeId)
	]
);

/**
 * A free-text answer that staff have read and approved for the scrutiny panel. Without a row
 * here the panel never sees the comment.
 */
export const commentApproval = sqliteTable(
	'comment_approval',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => response.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		approvedBy: integer('approved_by').references(() => user.id, { onDelete: 'set null' }),
		approvedAt: integer('approved_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [primaryKey({ columns: [t.responseId, t.questionId] })]
);

/**
 * TSM weighting: for one survey and population, the question whose answer puts a respondent in
 * a stratum, and the homes in each stratum (their population share).
 */
export const tsmStratum = sqliteTable(
	'tsm_stratum',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id, { onDelete: 'cascade' }),
		population: text('population', { enum: tenures }).notNull(),
		questionCode: text('question_code').notNull(),
		/** The answer value that puts a respondent in this stratum. */
		value: text('value').notNull(),
		homes: integer('homes').notNull()
	},
	(t) => [uniqueIndex('tsm_stratum_unique').on(t.surveyId, t.population, t.value)]
);

/** The free-text parts of a TSM summary of approach (tsm.md, E, G and I–L). */
export const tsmApproach = sqliteTable('tsm_approach', {
	surveyId: integer('survey_id')
		.primaryKey()
		.references(() => survey.id, { onDelete: 'cascade' }),
	sampleMethod: text('sample_method').notNull().default(''),
	representativeness: text('representativeness').notNull().default(''),
	contractor: text('contractor').notNull().default(''),
	excludedHouseholds: integer('excluded_households').notNull().default(0),
	exclusionReasons: text('exclusion_reasons').notNull().default(''),
	sampleShortfall: text('sample_shortfall').notNull().default(''),
	incentives: text('incentives').notNull().default(''),
	otherIssues: text('other_issues').notNull().default(''),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

export type Theme = typeof theme.$inferSelect;
