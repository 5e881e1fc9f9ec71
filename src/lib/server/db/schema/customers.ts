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
import { survey, tenures } from './surveys';

const now = sql`(unixepoch('subsec') * 1000)`;

/** Someone the organisation serves and may invite to surveys. */
export const customer = sqliteTable(
	'customer',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		email: text('email'),
		phone: text('phone'),
		/** The organisation's own reference, e.g. a tenancy number. */
		reference: text('reference'),
		tenure: text('tenure', { enum: tenures }),
		consentSurveys: integer('consent_surveys', { mode: 'boolean' }).notNull().default(false),
		consentUpdates: integer('consent_updates', { mode: 'boolean' }).notNull().default(false),
		/** Format or language needs, e.g. large print or Polish. */
		notes: text('notes').notNull().default(''),
		/** Set when the customer unsubscribes; every later invitation and reminder skips them. */
		optedOutAt: integer('opted_out_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		uniqueIndex('customer_email_unique').on(t.email),
		uniqueIndex('customer_reference_unique').on(t.reference),
		// Imports match references in any letter case.
		index('customer_reference_lower_idx').on(sql`lower(${t.reference})`)
	]
);

export const customerService = sqliteTable(
	'customer_service',
	{
		customerId: integer('customer_id')
			.notNull()
			.references(() => customer.id, { onDelete: 'cascade' }),
		serviceId: integer('service_id')
			.notNull()
			.references(() => service.id)
	},
	(t) => [primaryKey({ columns: [t.customerId, t.serviceId] })]
);

/** One sending of invitations to a survey, with its reminder plan. */
export const invitationBatch = sqliteTable(
	'invitation_batch',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => survey.id, { onDelete: 'cascade' }),
		createdBy: integer('created_by').references(() => user.id),
		/** A short description of who was chosen, for the page. */
		criteria: text('criteria').notNull().default(''),
		reminders: integer('reminders').notNull().default(0),
		reminderIntervalDays: integer('reminder_interval_days').notNull().default(7),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('invitation_batch_survey_idx').on(t.surveyId)]
);

/** A parsed CSV file waiting for staff to confirm; nothing reaches `customer` before then. */
export const customerImport = sqliteTable('customer_import', {
	id: text('id').primaryKey(),
	createdBy: integer('created_by').references(() => user.id),
	fileName: text('file_name').notNull(),
	rows: text('rows', { mode: 'json' }).$type<unknown[]>().notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

export type Customer = typeof customer.$inferSelect;
export type InvitationBatch = typeof invitationBatch.$inferSelect;
