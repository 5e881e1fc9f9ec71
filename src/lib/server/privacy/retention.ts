/**
 * Retention periods (UK GDPR storage limitation): how long what identifies a customer is kept.
 * Each period is set by an admin in calendar months, or left blank to keep; housekeeping then
 * anonymises what is past its period, as erasure does for one person (see erasure.ts), so every
 * count and figure stays as it was:
 * - questions, comments and compliments, from when they were received;
 * - complaints, from when they were closed (an open complaint is never touched);
 * - a confidential survey response's link to its customer, from when it was submitted (an
 *   unfinished one, from when it was started, and it is deleted). The response keeps its answers,
 *   as an anonymous survey's responses do; its invitation is unlinked from the customer too.
 */
import { and, eq, exists, isNotNull, isNull, lt, notExists, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { retentionCutoff } from '$lib/domain/calendar/retention';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { complaint, contact, response, retentionPolicy, type RetentionPolicy } from '../db/schema';
import { forgetContacts, forgetMail, forgetResponses } from './forget';

export const RETENTION_KINDS = ['contactMonths', 'complaintMonths', 'responseMonths'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** The longest period that can be set: 20 years. */
export const MAX_RETENTION_MONTHS = 240;
const REMOVED_TEXT = '(removed at the end of its retention period)';

export function getRetentionPolicy(db: Db): RetentionPolicy {
	return (
		db.select().from(retentionPolicy).where(eq(retentionPolicy.id, 1)).get() ?? {
			id: 1,
			contactMonths: null,
			complaintMonths: null,
			responseMonths: null,
			updatedAt: new Date(0)
		}
	);
}

const months = (label: string) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => v ?? '')
		.refine(
			(v) => v === '' || /^\d+$/.test(v),
			`${label} must be a whole number of months, like 24`
		)
		.transform((v) => (v === '' ? null : Number(v)))
		.refine(
			(v) => v === null || (v >= 1 && v <= MAX_RETENTION_MONTHS),
			`${label} must be between 1 and ${MAX_RETENTION_MONTHS} months, or blank to keep them`
		);

export const retentionSchema = z.object({
	contactMonths: months('How long to keep questions, comments and compliments'),
	complaintMonths: months('How long to keep complaints'),
	responseMonths: months('How long to link survey responses to customers')
});
export type RetentionInput = z.output<typeof retentionSchema>;

export function updateRetentionPolicy(db: Db, actor: Actor, input: RetentionInput): void {
	writeTransaction(db, (tx) => {
		const before = getRetentionPolicy(tx);
		const values = { ...input, updatedAt: new Date() };
		tx.insert(retentionPolicy)
			.values({ id: 1, ...values })
			.onConflictDoUpdate({ target: retentionPolicy.id, set: values })
			.run();
		recordAudit(tx, actor, {
			action: 'retention.update',
			entity: 'retention-policy',
			entityId: 1,
			before: {
				contactMonths: before.contactMonths,
				complaintMonths: before.complaintMonths,
				responseMonths: before.responseMonths
			},
			after: input
		});
	});
}

/** The ids past their period under the policy, by kind; a blank period finds nothing. */
function due(db: Db, policy: RetentionPolicy, now: Date): Record<RetentionKind, number[]> {
	const cutoff = (months: number | null) => (months === null ? null : retentionCutoff(now, months));
	const contactCutoff = cutoff(policy.contactMonths);
	const complaintCutoff = cutoff(policy.complaintMonths);
	const responseCutoff = cutoff(policy.responseMonths);
	const contactIds = (condition: SQL | undefined) =>
		db
			.select({ id: contact.id })
			.from(contact)
			// Anonymised by hand but still linked to a customer record counts as not yet done.
			.where(and(or(isNull(contact.anonymisedAt), isNotNull(contact.customerId)), condition))
			.all()
			.map((r) => r.id);
	const complaintOfContact = (condition?: SQL) =>
		db
			.select({ id: complaint.id })
			.from(complaint)
			.where(and(eq(complaint.contactId, contact.id), condition));
	return {
		contactMonths: contactCutoff
			? contactIds(and(lt(contact.receivedAt, contactCutoff), notExists(complaintOfContact())))
			: [],
		complaintMonths: complaintCutoff
			? contactIds(exists(complaintOfContact(lt(complaint.closedAt, complaintCutoff))))
			: [],
		responseMonths: responseCutoff
			? db
					.select({ id: response.id })
					.from(response)
					.where(
						and(
							isNotNull(response.customerId),
							or(
								and(eq(response.status, 'submitted'), lt(response.submittedAt, responseCutoff)),
								and(eq(response.status, 'in-progress'), lt(response.startedAt, responseCutoff))
							)
						)
					)
					.all()
					.map((r) => r.id)
			: []
	};
}

export type RetentionCounts = Record<RetentionKind, number>;

/** How many records each period would anonymise now, for the settings page. */
function countsOf(ids: Record<RetentionKind, number[]>): RetentionCounts {
	return {
		contactMonths: ids.contactMonths.length,
		complaintMonths: ids.complaintMonths.length,
		responseMonths: ids.responseMonths.length
	};
}

export function retentionDue(db: Db, now = new Date()): RetentionCounts {
	return countsOf(due(db, getRetentionPolicy(db), now));
}

/**
 * Anonymises everything past its period, in one transaction, and records one audit entry with the
 * counts when anything changed. Safe to run at any time and as often as wanted.
 */
export function applyRetention(db: Db, actor: Actor, now = new Date()): RetentionCounts {
	return writeTransaction(db, (tx) => {
		const ids = due(tx, getRetentionPolicy(tx), now);
		const contacts = forgetContacts(
			tx,
			[...ids.contactMonths, ...ids.complaintMonths],
			now,
			REMOVED_TEXT
		);
		forgetMail(tx, contacts.mailIds, REMOVED_TEXT);
		const responses = forgetResponses(tx, ids.responseMonths, { dropOwnWords: false });
		forgetMail(tx, [...new Set(responses.mailIds)], REMOVED_TEXT);
		const counts = countsOf(ids);
		if (Object.values(counts).some((n) => n > 0))
			recordAudit(tx, actor, {
				action: 'retention.apply',
				entity: 'retention-policy',
				entityId: 1,
				after: {
					contacts: counts.contactMonths,
					complaints: counts.complaintMonths,
					responses: counts.responseMonths
				}
			});
		return counts;
	});
}
