/**
 * Erasure (UK GDPR article 17): a customer, and everything that identifies them, is removed in one
 * transaction. What was counted stays counted, with nobody behind it, so the figures a regulator
 * or board has already read do not move:
 * - the customer record, its service areas and consents are deleted;
 * - contacts and complaints (found by the record or by its email address in any letter case) lose
 *   the name, email, phone and text, as "Anonymise" does; dates, stages and outcomes stay, so
 *   complaint timeliness is unchanged. A complaint-handling survey not yet sent is not sent;
 * - invitations are unlinked; those not yet answered are revoked, and no link sent to the person
 *   works any more;
 * - confidential survey responses are unlinked. Their free-text answers and "please specify"
 *   write-ins (which may name someone) and their equality monitoring answers (special category)
 *   are deleted; the rest stays as an anonymous response. Unfinished responses are deleted whole;
 * - consultation update sign-ups lose the address and are unsubscribed;
 * - emails sent to the address lose the address, subject and body; unsent ones are not sent;
 * - audit entries about the record lose the details they held. A new entry says who erased it and
 *   how much was removed, never whose it was.
 */
import { and, eq, inArray, isNotNull, notInArray, or, sql, type AnyColumn } from 'drizzle-orm';
import type { Answer } from '$lib/domain/survey';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	answer,
	answerTheme,
	auditLog,
	commentApproval,
	complaint,
	complaintHandlingSurveyInvitation,
	contact,
	customer,
	equalityAnswer,
	invitation,
	invitationLink,
	mailMessage,
	response,
	subscriber
} from '../db/schema';
import { cancelQueuedMail } from '../mail';

export interface ErasureReport {
	contacts: number;
	invitations: number;
	responses: number;
	unfinishedResponses: number;
	freeTextAnswers: number;
	equalityAnswers: number;
	subscriptions: number;
	emails: number;
}

const sameEmail = (column: AnyColumn, email: string) => sql`lower(${column}) = ${email}`;
const ERASED_TEXT = '(removed when the customer was erased)';

/** What erasing would remove, for the page that asks to confirm; undefined for no such customer. */
export function erasurePreview(db: Db, customerId: number) {
	const person = db.select().from(customer).where(eq(customer.id, customerId)).get();
	if (!person) return undefined;
	const email = person.email?.trim().toLowerCase() || null;
	const count = (rows: unknown[]) => rows.length;
	return {
		name: person.name,
		contacts: count(contactsOf(db, customerId, email)),
		invitations: count(
			db
				.select({ id: invitation.id })
				.from(invitation)
				.where(eq(invitation.customerId, customerId))
				.all()
		),
		responses: count(
			db.select({ id: response.id }).from(response).where(eq(response.customerId, customerId)).all()
		),
		subscriptions: email
			? count(
					db
						.select({ id: subscriber.id })
						.from(subscriber)
						.where(sameEmail(subscriber.email, email))
						.all()
				)
			: 0,
		emails: email
			? count(
					db
						.select({ id: mailMessage.id })
						.from(mailMessage)
						.where(sameEmail(mailMessage.to, email))
						.all()
				)
			: 0
	};
}

function contactsOf(db: Db, customerId: number, email: string | null) {
	return db
		.select({ id: contact.id })
		.from(contact)
		.where(
			email
				? or(eq(contact.customerId, customerId), sameEmail(contact.customerEmail, email))
				: eq(contact.customerId, customerId)
		)
		.all()
		.map((c) => c.id);
}

/** The answer without what the person wrote in their own words; null when nothing else is left. */
function withoutFreeText(value: Answer): Answer | null {
	switch (value.type) {
		case 'text':
			return null;
		case 'choice': {
			const { writeIn: _writeIn, ...rest } = value;
			return rest;
		}
		case 'choices': {
			const { writeIns: _writeIns, ...rest } = value;
			return rest;
		}
		default:
			return value;
	}
}

function hasFreeText(value: Answer): boolean {
	return (
		value.type === 'text' ||
		(value.type === 'choice' && value.writeIn !== undefined) ||
		(value.type === 'choices' && value.writeIns !== undefined)
	);
}

/**
 * Unlinks responses from whoever gave them: unfinished ones are deleted whole; submitted ones keep
 * their scale and choice answers and lose free text, write-ins and equality monitoring answers.
 */
export function forgetResponses(tx: Db, ids: number[]) {
	const linked =
		ids.length === 0
			? []
			: tx
					.select({ id: response.id, status: response.status })
					.from(response)
					.where(inArray(response.id, ids))
					.all();
	const unfinished = linked.filter((r) => r.status !== 'submitted').map((r) => r.id);
	const submitted = linked.filter((r) => r.status === 'submitted').map((r) => r.id);
	// Answers, equality answers, themes and approvals go with the response (foreign keys cascade).
	if (unfinished.length > 0) tx.delete(response).where(inArray(response.id, unfinished)).run();

	let freeTextAnswers = 0;
	let equalityAnswers = 0;
	if (submitted.length > 0) {
		for (const row of tx.select().from(answer).where(inArray(answer.responseId, submitted)).all()) {
			if (!hasFreeText(row.value)) continue;
			freeTextAnswers++;
			const kept = withoutFreeText(row.value);
			const same = (table: typeof answer | typeof answerTheme | typeof commentApproval) =>
				and(eq(table.responseId, row.responseId), eq(table.questionId, row.questionId));
			if (kept) {
				tx.update(answer).set({ value: kept }).where(same(answer)).run();
				continue;
			}
			tx.delete(answer).where(same(answer)).run();
			for (const table of [answerTheme, commentApproval]) tx.delete(table).where(same(table)).run();
		}
		equalityAnswers = tx
			.delete(equalityAnswer)
			.where(inArray(equalityAnswer.responseId, submitted))
			.run().changes;
		tx.update(response)
			.set({
				customerId: null,
				invitationId: null,
				resumeTokenHash: null,
				previousResumeTokenHash: null
			})
			.where(inArray(response.id, submitted))
			.run();
	}
	return {
		responses: submitted.length,
		unfinished: unfinished.length,
		freeTextAnswers,
		equalityAnswers
	};
}

function eraseInvitations(tx: Db, customerId: number): number {
	const ids = tx
		.select({ id: invitation.id })
		.from(invitation)
		.where(eq(invitation.customerId, customerId))
		.all()
		.map((i) => i.id);
	if (ids.length === 0) return 0;
	tx.delete(invitationLink).where(inArray(invitationLink.invitationId, ids)).run();
	tx.update(invitation)
		.set({ status: 'revoked' })
		.where(and(inArray(invitation.id, ids), notInArray(invitation.status, ['used', 'revoked'])))
		.run();
	tx.update(invitation)
		.set({ customerId: null, unsubscribeHash: null })
		.where(inArray(invitation.id, ids))
		.run();
	return ids.length;
}

/**
 * Removes what identifies the customer from contacts (and so their complaints): name, contact
 * details, words and the link to a customer record. Dates, stages and outcomes stay.
 */
export function forgetContacts(tx: Db, ids: number[], now: Date, text: string): void {
	if (ids.length === 0) return;
	tx.update(contact)
		.set({
			customerId: null,
			customerName: null,
			customerEmail: null,
			customerPhone: null,
			text,
			anonymisedAt: now
		})
		.where(inArray(contact.id, ids))
		.run();
	const complaintIds = tx
		.select({ id: complaint.id })
		.from(complaint)
		.where(inArray(complaint.contactId, ids))
		.all()
		.map((c) => c.id);
	if (complaintIds.length === 0) return;
	const handling = complaintHandlingSurveyInvitation;
	tx.update(handling)
		.set({ status: 'skipped' })
		.where(and(inArray(handling.complaintId, complaintIds), eq(handling.status, 'pending')))
		.run();
	tx.update(handling).set({ email: '' }).where(inArray(handling.complaintId, complaintIds)).run();
}

function eraseEmails(tx: Db, email: string, now: Date): { subscriptions: number; emails: number } {
	const subscriptions = tx
		.update(subscriber)
		.set({
			email: null,
			unsubscribedAt: sql`coalesce(${subscriber.unsubscribedAt}, ${now.getTime()})`
		})
		.where(sameEmail(subscriber.email, email))
		.run().changes;
	const messages = tx
		.select({ id: mailMessage.id })
		.from(mailMessage)
		.where(sameEmail(mailMessage.to, email))
		.all()
		.map((m) => m.id);
	cancelQueuedMail(tx, messages, 'Not sent: the customer was erased');
	if (messages.length > 0)
		tx.update(mailMessage)
			.set({ to: '', subject: ERASED_TEXT, text: '', html: null, headers: null })
			.where(inArray(mailMessage.id, messages))
			.run();
	return { subscriptions, emails: messages.length };
}

/** Erases the customer; undefined when there is no such customer (already erased, say). */
export function eraseCustomer(
	db: Db,
	actor: Actor,
	customerId: number,
	now = new Date()
): ErasureReport | undefined {
	return writeTransaction(db, (tx) => {
		const person = tx.select().from(customer).where(eq(customer.id, customerId)).get();
		if (!person) return undefined;
		const email = person.email?.trim().toLowerCase() || null;

		const contacts = contactsOf(tx, customerId, email);
		forgetContacts(tx, contacts, now, ERASED_TEXT);
		const invitations = eraseInvitations(tx, customerId);
		const responses = forgetResponses(
			tx,
			tx
				.select({ id: response.id })
				.from(response)
				.where(eq(response.customerId, customerId))
				.all()
				.map((r) => r.id)
		);
		const mail = email ? eraseEmails(tx, email, now) : { subscriptions: 0, emails: 0 };

		tx.update(auditLog)
			.set({ before: null, after: null })
			.where(
				and(
					eq(auditLog.entity, 'customer'),
					eq(auditLog.entityId, String(customerId)),
					or(isNotNull(auditLog.before), isNotNull(auditLog.after))
				)
			)
			.run();
		// Service areas go with it (the foreign key cascades).
		tx.delete(customer).where(eq(customer.id, customerId)).run();

		const report: ErasureReport = {
			contacts: contacts.length,
			invitations,
			responses: responses.responses,
			unfinishedResponses: responses.unfinished,
			freeTextAnswers: responses.freeTextAnswers,
			equalityAnswers: responses.equalityAnswers,
			...mail
		};
		recordAudit(tx, actor, {
			action: 'customer.erase',
			entity: 'customer',
			entityId: customerId,
			after: report
		});
		return report;
	});
}
