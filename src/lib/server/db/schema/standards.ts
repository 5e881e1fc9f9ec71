import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { standardMeasures } from '../../../domain/standards/performance';
import { contactChannels } from './complaints';
import { service } from './core';
import { scorecardTemplate } from './mystery';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * A promise to customers, such as "reply to emails within 2 working days", with the share of
 * cases that must meet it. Performance is worked out from the records it names each time it is
 * shown (src/lib/domain/standards/performance.ts), never stored. Which columns apply depends on
 * the measure: working days for replies and complaints, the stage for complaints, a scorecard
 * item for mystery shopping.
 */
export const serviceStandard = sqliteTable('service_standard', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	measure: text('measure', { enum: standardMeasures }).notNull(),
	/** Null: every service. */
	serviceId: integer('service_id').references(() => service.id),
	/** Reply standards only; null: contacts that came in by any channel. */
	contactChannel: text('contact_channel', { enum: contactChannels }),
	complaintStage: integer('complaint_stage'),
	workingDays: integer('working_days'),
	templateId: integer('template_id').references(() => scorecardTemplate.id),
	itemId: text('item_id'),
	/** The share of cases, 1–100 per cent, that must meet the standard. */
	targetPercent: integer('target_percent').notNull(),
	/** A retired standard keeps its history but is no longer reported by default. */
	retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

export type ServiceStandardRow = typeof serviceStandard.$inferSelect;
