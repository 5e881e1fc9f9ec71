import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

import { roles } from '../../../roles';

export { roles, type Role } from '../../../roles';

export const nations = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof nations)[number];

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

/** One installation serves one organisation: this table holds exactly one row (id = 1). */
export const organisation = sqliteTable('organisation', {
	id: integer('id').primaryKey(),
	name: text('name').notNull(),
	nation: text('nation', { enum: nations }).notNull().default('england-and-wales'),
	homesLcra: integer('homes_lcra').notNull().default(0),
	homesLcho: integer('homes_lcho').notNull().default(0),
	minGroupSize: integer('min_group_size').notNull().default(5),
	minGroupSizeText: integer('min_group_size_text').notNull().default(10),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * How long personal details are kept, in calendar months (one row, id = 1). Null keeps them until
 * someone decides; housekeeping anonymises what is past its period.
 */
export const retentionPolicy = sqliteTable('retention_policy', {
	id: integer('id').primaryKey(),
	/** Questions, comments and compliments, from when they were received. */
	contactMonths: integer('contact_months'),
	/** Complaints, from when they were closed. */
	complaintMonths: integer('complaint_months'),
	/** The link from a confidential survey response to the customer, from when it was submitted. */
	responseMonths: integer('response_months'),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export const service = sqliteTable(
	'service',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('service_name_unique').on(sql`lower(${t.name})`)]
);

export const user = sqliteTable(
	'user',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		email: text('email').notNull(),
		name: text('name').notNull(),
		role: text('role', { enum: roles }).notNull(),
		passwordHash: text('password_hash'),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('user_email_unique').on(t.email)]
);

export const session = sqliteTable(
	'session',
	{
		/** SHA-256 of the token, hex. The token itself is only ever in the cookie. */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		absoluteExpiresAt: integer('absolute_expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

export const passwordTokenPurposes = ['reset', 'invite'] as const;

/** Single-use links that let someone set a password: invitations and resets. */
export const passwordToken = sqliteTable(
	'password_token',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: passwordTokenPurposes }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [index('password_token_user_idx').on(t.userId)]
);

/** Failed sign-ins per (account, address) and per address, kept in the database so a restart does not reset them. */
export const signInThrottle = sqliteTable('sign_in_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull(),
	blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' })
});

/** Fixed-window counters for public endpoints (invitation tokens, public forms). */
export const rateLimit = sqliteTable('rate_limit', {
	key: text('key').primaryKey(),
	count: integer('count').notNull(),
	windowStartedAt: integer('window_started_at', { mode: 'timestamp_ms' }).notNull()
});

export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: createdAt(),
		userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
		/** Kept as text so the entry still says who it was after the user is gone. */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		before: text('before', { mode: 'json' }),
		after: text('after', { mode: 'json' })
	},
	(t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_at_idx').on(t.at)]
);

export const jobStatuses = ['pending', 'running', 'done', 'failed'] as const;

export const job = sqliteTable(
	'job',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind').notNull(),
		payload: text('payload', { mode: 'json' }).notNull(),
		/** Enqueueing the same key twice creates one job. */
		uniqueKey: text('unique_key'),
		status: text('status', { enum: jobStatuses }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		maxAttempts: integer('max_attempts').notNull().default(8),
		runAt: integer('run_at', { mode: 'timestamp_ms' }).notNull(),
		lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		createdAt: createdAt(),
		finishedAt: integer('finished_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('job_due_idx').on(t.status, t.runAt), uniqueIndex('job_unique_key').on(t.uniqueKey)]
);

export const mailStatuses = ['queued', 'sending', 'sent', 'outbox', 'failed'] as const;

export const mailMessage = sqliteTable(
	'mail_message',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Stable across retries, so a receiving server can recognise a repeat. */
		messageId: text('message_id').notNull(),
		to: text('to').notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		html: text('html'),
		headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
		/** What the message is about, e.g. "password-reset"; never the secret link itself. */
		category: text('category').notNull(),
		status: text('status', { enum: mailStatuses }).notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		createdAt: createdAt(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		index('mail_status_idx').on(t.status),
		uniqueIndex('mail_message_id').on(t.messageId),
		// Emails of one kind to one address, in any letter case: what forgetting a person looks up.
		index('mail_category_to_idx').on(t.category, sql`lower(${t.to})`)
	]
);

export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
export type Organisation = typeof organisation.$inferSelect;
export type RetentionPolicy = typeof retentionPolicy.$inferSelect;
export type Service = typeof service.$inferSelect;
export type Job = typeof job.$inferSelect;
export type MailMessage = typeof mailMessage.$inferSelect;
