import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ScorecardTemplate } from '../../../domain/scorecard';
import { service, user } from './core';

export const mysteryChannels = ['telephone', 'visit', 'email', 'website'] as const;
export type MysteryChannel = (typeof mysteryChannels)[number];

/**
 * Where an assignment stands: 'assigned' until the shopper submits (they may save progress), then
 * 'pending' review, and 'approved', 'returned' (for amendment, back with the shopper) or 'rejected'.
 */
export const assignmentStatuses = [
	'assigned',
	'pending',
	'approved',
	'returned',
	'rejected'
] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

/** One row (id = 1): mystery-shopping settings. */
export const mysterySettings = sqliteTable('mystery_settings', {
	id: integer('id').primaryKey(),
	/** The same shopper is not assigned the same service again within this many days. */
	repeatIntervalDays: integer('repeat_interval_days').notNull().default(90)
});

export const scorecardTemplate = sqliteTable('scorecard_template', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	channel: text('channel', { enum: mysteryChannels }).notNull(),
	createdAt: createdAt()
});

/**
 * A template's definition, versioned: the newest version is the one being edited and assigned.
 * Once a version has submissions, an edit that would change what they mean creates a new version.
 */
export const scorecardTemplateVersion = sqliteTable(
	'scorecard_template_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		templateId: integer('template_id')
			.notNull()
			.references(() => scorecardTemplate.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		definition: text('definition', { mode: 'json' }).$type<ScorecardTemplate>().notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('scorecard_version_unique').on(t.templateId, t.version)]
);

export const mysteryAssignment = sqliteTable(
	'mystery_assignment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		templateVersionId: integer('template_version_id')
			.notNull()
			.references(() => scorecardTemplateVersion.id),
		serviceId: integer('service_id')
			.notNull()
			.references(() => service.id),
		channel: text('channel', { enum: mysteryChannels }).notNull(),
		shopperId: integer('shopper_id')
			.notNull()
			.references(() => user.id),
		/** Calendar dates, YYYY-MM-DD, inclusive. */
		windowFrom: text('window_from').notNull(),
		windowTo: text('window_to').notNull(),
		brief: text('brief').notNull(),
		status: text('status', { enum: assignmentStatuses }).notNull().default('assigned'),
		/** When the visit happened, as the shopper entered it: YYYY-MM-DDTHH:MM, UK time. */
		visitedAt: text('visited_at'),
		/** Answers keyed by item id: { value, comment }. Drafts may be incomplete. */
		answers: text('answers', { mode: 'json' })
			.$type<Record<string, { value: string; comment: string | null }>>()
			.notNull()
			.default(sql`'{}'`),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		reviewNote: text('review_note'),
		reviewedBy: integer('reviewed_by').references(() => user.id, { onDelete: 'set null' }),
		reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		index('mystery_assignment_shopper_idx').on(t.shopperId),
		index('mystery_assignment_status_idx').on(t.status)
	]
);

export const mysteryEvidence = sqliteTable(
	'mystery_evidence',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		assignmentId: integer('assignment_id')
			.notNull()
			.references(() => mysteryAssignment.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		/** Random, generated here; the shopper's file name is kept only for display. */
		storedName: text('stored_name').notNull(),
		originalName: text('original_name').notNull(),
		mimeType: text('mime_type').notNull(),
		size: integer('size').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('mystery_evidence_assignment_idx').on(t.assignmentId),
		uniqueIndex('mystery_evidence_stored_unique').on(t.storedName)
	]
);

export type ScorecardTemplateRow = typeof scorecardTemplate.$inferSelect;
export type ScorecardTemplateVersionRow = typeof scorecardTemplateVersion.$inferSelect;
export type MysteryAssignment = typeof mysteryAssignment.$inferSelect;
export type MysteryEvidence = typeof mysteryEvidence.$inferSelect;
