import { and, desc, eq, exists, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import { generateToken, hashToken } from '../auth/tokens';
import { writeTransaction, type Db } from '../db';
import {
	customer,
	customerService,
	invitation,
	invitationBatch,
	mailMessage,
	survey,
	type Job
} from '../db/schema';
import { enqueueJob } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import { cancelQueuedMail, queueMail } from '../mail';
import { getOrganisation } from '../settings';
import { invitationByLink, keepEarlierLinks } from './links';
import { invitationMail } from './mail';
import type { InvitationCriteria } from './schemas';

export const REMINDER_JOB = 'invitations.remind';
const DAY = 24 * 60 * 60_000;

export class InvitationError extends Error {}

/** Customers who match, can be emailed, have not opted out and were not invited too recently. */
function recipientConditions(db: Db, surveyId: number, criteria: InvitationCriteria): SQL {
	const conditions: (SQL | undefined)[] = [
		isNotNull(customer.email),
		isNull(customer.optedOutAt),
		criteria.consentOnly ? eq(customer.consentSurveys, true) : undefined,
		criteria.tenure ? eq(customer.tenure, criteria.tenure) : undefined,
		criteria.serviceId
			? exists(
					db
						.select({ one: sql`1` })
						.from(customerService)
						.where(
							and(
								eq(customerService.customerId, customer.id),
								eq(customerService.serviceId, criteria.serviceId)
							)
						)
				)
			: undefined,
		sql`not exists (select 1 from ${invitation} where ${invitation.customerId} = ${customer.id} and (${invitation.surveyId} = ${surveyId} or ${invitation.createdAt} >= ${Date.now() - criteria.notInvitedDays * DAY}))`
	];
	return and(...conditions)!;
}

export function countRecipients(db: Db, surveyId: number, criteria: InvitationCriteria): number {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(customer)
			.where(recipientConditions(db, surveyId, criteria))
			.get()?.n ?? 0
	);
}

function describe(criteria: InvitationCriteria, serviceName: string | undefined) {
	return [
		serviceName ? `service: ${serviceName}` : 'all services',
		criteria.tenure ?? 'all tenures',
		criteria.consentOnly ? 'consented to surveys' : 'consent not required',
		`not invited in the last ${criteria.notInvitedDays} days`
	].join('; ');
}

/**
 * Creates the batch, one invitation per chosen customer and its message, all in one transaction:
 * a crash leaves either the whole batch queued or nothing. The worker then sends at the mail rate.
 */
export function sendInvitations(
	db: Db,
	actor: Actor & { id: number },
	surveyId: number,
	criteria: InvitationCriteria,
	origin: string,
	serviceName?: string
) {
	return writeTransaction(db, (tx) => {
		const target = tx.select().from(survey).where(eq(survey.id, surveyId)).get();
		if (!target) throw new InvitationError('This survey no longer exists');
		if (target.status !== 'open')
			throw new InvitationError('Open the survey before inviting people');
		const recipients = tx
			.select()
			.from(customer)
			.where(recipientConditions(tx, surveyId, criteria))
			.all();
		if (recipients.length === 0)
			throw new InvitationError('No customers match: change who to invite');
		const batch = tx
			.insert(invitationBatch)
			.values({
				surveyId,
				createdBy: actor.id,
				criteria: describe(criteria, serviceName),
				reminders: criteria.reminders,
				reminderIntervalDays: criteria.reminderIntervalDays
			})
			.returning()
			.get();
		const organisation = getOrganisation(tx).name;
		const now = new Date();
		for (const person of recipients) {
			const token = generateToken();
			const unsubscribeToken = generateToken();
			const mail = invitationMail({
				organisation,
				surveyTitle: target.title,
				purpose: target.description,
				customerName: person.name,
				origin,
				token,
				unsubscribeToken,
				reminder: false
			});
			const mailId = queueMail(tx, { to: person.email!, ...mail, category: 'survey-invitation' });
			tx.insert(invitation)
				.values({
					surveyId,
					customerId: person.id,
					batchId: batch.id,
					tokenHash: hashToken(token),
					unsubscribeHash: hashToken(unsubscribeToken),
					status: 'sent',
					mailId,
					lastSentAt: now
				})
				.run();
		}
		if (criteria.reminders > 0)
			enqueueJob(tx, {
				kind: REMINDER_JOB,
				payload: { batchId: batch.id, origin },
				uniqueKey: `remind:${batch.id}:1`,
				runAt: new Date(now.getTime() + criteria.reminderIntervalDays * DAY)
			});
		recordAudit(tx, actor, {
			action: 'invitation.batch',
			entity: 'invitation_batch',
			entityId: batch.id,
			after: { surveyId, criteria, invited: recipients.length }
		});
		return { batch, invited: recipients.length };
	});
}

/**
 * Sends the next reminder of a batch to everyone who has neither answered nor opted out. Each
 * reminder carries a fresh link: only hashes are kept, so the earlier token cannot be recovered,
 * and replacing the hash revokes the earlier link.
 */
export function sendReminders(db: Db, batchId: number, origin: string): number {
	return writeTransaction(db, (tx) => {
		const batch = tx.select().from(invitationBatch).where(eq(invitationBatch.id, batchId)).get();
		if (!batch) return 0;
		const target = tx.select().from(survey).where(eq(survey.id, batch.surveyId)).get();
		if (!target || target.status !== 'open') return 0;
		const due = tx
			.select({ invitation, customer })
			.from(invitation)
			.innerJoin(customer, eq(customer.id, invitation.customerId))
			.where(
				and(
					eq(invitation.batchId, batchId),
					eq(invitation.status, 'sent'),
					lt(invitation.remindersSent, batch.reminders),
					isNull(customer.optedOutAt),
					isNotNull(customer.email)
				)
			)
			.all();
		const organisation = getOrganisation(tx).name;
		const now = new Date();
		let round = 0;
		for (const { invitation: row, customer: person } of due) {
			const token = generateToken();
			const unsubscribeToken = generateToken();
			const mail = invitationMail({
				organisation,
				surveyTitle: target.title,
				purpose: target.description,
				customerName: person.name,
				origin,
				token,
				unsubscribeToken,
				reminder: true
			});
			const mailId = queueMail(tx, { to: person.email!, ...mail, category: 'survey-reminder' });
			keepEarlierLinks(tx, row);
			tx.update(invitation)
				.set({
					tokenHash: hashToken(token),
					unsubscribeHash: hashToken(unsubscribeToken),
					mailId,
					remindersSent: row.remindersSent + 1,
					lastSentAt: now
				})
				.where(eq(invitation.id, row.id))
				.run();
			round = Math.max(round, row.remindersSent + 1);
		}
		if (round > 0 && round < batch.reminders)
			enqueueJob(tx, {
				kind: REMINDER_JOB,
				payload: { batchId, origin },
				uniqueKey: `remind:${batchId}:${round + 1}`,
				runAt: new Date(now.getTime() + batch.reminderIntervalDays * DAY)
			});
		recordAudit(tx, 'system', {
			action: 'invitation.remind',
			entity: 'invitation_batch',
			entityId: batchId,
			after: { reminded: due.length }
		});
		return due.length;
	});
}

export const reminderHandler: JobHandler = {
	async run(db, job: Job) {
		const { batchId, origin } = job.payload as { batchId: number; origin: string };
		sendReminders(db, batchId, origin);
	}
};

/** Opts out the customer behind an unsubscribe link; false if the link is not known. */
export function unsubscribe(db: Db, token: string): boolean {
	return writeTransaction(db, (tx) => {
		const found = invitationByLink(tx, token, 'unsubscribe');
		if (!found?.customerId) return false;
		const changed = tx
			.update(customer)
			.set({ optedOutAt: new Date(), updatedAt: new Date() })
			.where(and(eq(customer.id, found.customerId), isNull(customer.optedOutAt)))
			.run().changes;
		if (changed > 0) {
			recordAudit(tx, 'public', {
				action: 'customer.opt-out',
				entity: 'customer',
				entityId: found.customerId
			});
			// An invitation or reminder still waiting its turn in the queue is not sent either.
			const waiting = tx
				.select({ mailId: invitation.mailId })
				.from(invitation)
				.where(and(eq(invitation.customerId, found.customerId), isNotNull(invitation.mailId)))
				.all()
				.map((i) => i.mailId as number);
			cancelQueuedMail(tx, waiting, 'Not sent: the customer opted out first');
		}
		return true;
	});
}

export function knownUnsubscribeToken(db: Db, token: string): boolean {
	return !!invitationByLink(db, token, 'unsubscribe');
}

const deliveryOf = sql<string>`case
	when ${mailMessage.status} in ('sent', 'outbox') then 'sent'
	when ${mailMessage.status} = 'failed' then 'failed'
	else 'pending' end`;

/** Each batch with its delivery progress and answers, newest first. */
export function listBatches(db: Db, surveyId: number) {
	const batches = db
		.select()
		.from(invitationBatch)
		.where(eq(invitationBatch.surveyId, surveyId))
		.orderBy(desc(invitationBatch.id))
		.all();
	if (batches.length === 0) return [];
	const counts = db
		.select({
			batchId: invitation.batchId,
			delivery: deliveryOf,
			used: sql<number>`sum(case when ${invitation.status} = 'used' then 1 else 0 end)`,
			opened: sql<number>`sum(case when ${invitation.openedAt} is not null or ${invitation.status} = 'used' then 1 else 0 end)`,
			n: sql<number>`count(*)`
		})
		.from(invitation)
		.leftJoin(mailMessage, eq(mailMessage.id, invitation.mailId))
		.where(
			inArray(
				invitation.batchId,
				batches.map((b) => b.id)
			)
		)
		.groupBy(invitation.batchId, deliveryOf)
		.all();
	return batches.map((b) => {
		const mine = counts.filter((c) => c.batchId === b.id);
		const total = (d?: string) =>
			mine.filter((c) => !d || c.delivery === d).reduce((sum, c) => sum + c.n, 0);
		return {
			...b,
			invited: total(),
			pending: total('pending'),
			sent: total('sent'),
			failed: total('failed'),
			opened: mine.reduce((sum, c) => sum + c.opened, 0),
			answered: mine.reduce((sum, c) => sum + c.used, 0)
		};
	});
}

/** Invitations whose message could not be delivered, with the mail server's reason. */
export function failedInvitations(db: Db, surveyId: number) {
	return db
		.select({
			id: invitation.id,
			batchId: invitation.batchId,
			name: customer.name,
			email: mailMessage.to,
			reason: mailMessage.lastError
		})
		.from(invitation)
		.innerJoin(mailMessage, eq(mailMessage.id, invitation.mailId))
		.leftJoin(customer, eq(customer.id, invitation.customerId))
		.where(and(eq(invitation.surveyId, surveyId), eq(mailMessage.status, 'failed')))
		.limit(200)
		.all();
}
