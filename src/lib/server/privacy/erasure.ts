/**
 * Erasure (UK GDPR article 17): a customer, and everything that identifies them, is removed in one
 * transaction. What was counted stays counted, with nobody behind it, so the figures a regulator
 * or board has already read do not move:
 * - the customer record, its service areas and consents are deleted;
 * - contacts and complaints (found by the record or by its email address in any letter case) lose
 *   the name, email, phone and text, as "Anonymise" does; dates, stages, outcomes and the notes
 *   staff wrote stay, so complaint figures are unchanged. A complaint-handling survey not yet
 *   sent is not sent, and one sent stops working;
 * - invitations are unlinked and keep their status, so response rates do not change (they count
 *   under "Not known" by tenure, and in no service's row, from now on); no link sent to the person
 *   works any more, and an unfinished response started from one is deleted;
 * - confidential survey responses, and responses to a complaint-handling survey about their
 *   complaints, are unlinked. Their free-text answers and "please specify" write-ins (which may
 *   name someone) and their equality monitoring answers (special category) are deleted; the rest
 *   stays as an anonymous response. Unfinished responses are deleted whole;
 * - consultation update sign-ups from any address they used lose it and are unsubscribed;
 * - emails to any address they used, or carrying their links, lose the address, subject and body;
 *   unsent ones are not sent;
 * - audit entries about the record lose the details they held. A new entry says who erased it and
 *   how much was removed, never whose it was.
 */
import { and, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	auditLog,
	complaint,
	complaintHandlingSurveyInvitation,
	contact,
	customer,
	invitation,
	mailMessage,
	response,
	subscriber
} from '../db/schema';
import { deadenInvitations, forgetContacts, forgetMail, forgetResponses, inChunks } from './forget';
import { contactsOfPerson, emailOf } from './person';

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

const ERASED_TEXT = '(removed when the customer was erased)';

const lowerIn = (column: typeof subscriber.email | typeof mailMessage.to, addresses: string[]) =>
	inArray(sql`lower(${column})`, addresses);

function idsOf(rows: { id: number }[]): number[] {
	return rows.map((r) => r.id);
}

/**
 * Everything that points at the person, found before anything changes: their contacts, their
 * invitations, the addresses they used (the record's, those on their contacts and complaint-handling
 * surveys, and any the record held before an edit, from its audit entries) and the emails sent
 * to those addresses or carrying their links.
 */
function tracesOf(db: Db, customerId: number, email: string | null) {
	const contacts = idsOf(
		db.select({ id: contact.id }).from(contact).where(contactsOfPerson(customerId, email)).all()
	);
	const invitations = db
		.select({ id: invitation.id, mailId: invitation.mailId })
		.from(invitation)
		.where(eq(invitation.customerId, customerId))
		.all();

	const addresses = new Set<string>(email ? [email] : []);
	const add = (value: unknown) => {
		if (typeof value === 'string' && value.trim()) addresses.add(value.trim().toLowerCase());
	};
	const mailIds = new Set(invitations.flatMap((i) => (i.mailId === null ? [] : [i.mailId])));
	inChunks(contacts, (part) => {
		for (const row of db
			.select({ email: contact.customerEmail })
			.from(contact)
			.where(inArray(contact.id, part))
			.all())
			add(row.email);
		for (const row of db
			.select({
				email: complaintHandlingSurveyInvitation.email,
				mailId: invitation.mailId
			})
			.from(complaintHandlingSurveyInvitation)
			.innerJoin(complaint, eq(complaint.id, complaintHandlingSurveyInvitation.complaintId))
			.leftJoin(invitation, eq(invitation.id, complaintHandlingSurveyInvitation.invitationId))
			.where(inArray(complaint.contactId, part))
			.all()) {
			add(row.email);
			if (row.mailId !== null) mailIds.add(row.mailId);
		}
	});
	for (const entry of db
		.select({ before: auditLog.before, after: auditLog.after })
		.from(auditLog)
		.where(and(eq(auditLog.entity, 'customer'), eq(auditLog.entityId, String(customerId))))
		.all())
		for (const details of [entry.before, entry.after])
			if (details && typeof details === 'object') add((details as { email?: unknown }).email);

	const list = [...addresses];
	const conditions: SQL[] = [];
	if (list.length > 0) conditions.push(lowerIn(mailMessage.to, list));
	if (mailIds.size > 0) conditions.push(inArray(mailMessage.id, [...mailIds]));
	const emails =
		conditions.length === 0
			? []
			: idsOf(
					db
						.select({ id: mailMessage.id })
						.from(mailMessage)
						.where(or(...conditions))
						.all()
				);
	const subscriptions =
		list.length === 0
			? []
			: idsOf(
					db
						.select({ id: subscriber.id })
						.from(subscriber)
						.where(lowerIn(subscriber.email, list))
						.all()
				);
	const responses = idsOf(
		db.select({ id: response.id }).from(response).where(eq(response.customerId, customerId)).all()
	);
	return {
		contacts,
		invitations: invitations.map((i) => i.id),
		responses,
		emails,
		subscriptions
	};
}

/** What erasing would remove, for the page that asks to confirm; undefined for no such customer. */
export function erasurePreview(db: Db, customerId: number) {
	const person = db.select().from(customer).where(eq(customer.id, customerId)).get();
	if (!person) return undefined;
	const traces = tracesOf(db, customerId, emailOf(person));
	return {
		name: person.name,
		contacts: traces.contacts.length,
		invitations: traces.invitations.length,
		responses: traces.responses.length,
		subscriptions: traces.subscriptions.length,
		emails: traces.emails.length
	};
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
		const traces = tracesOf(tx, customerId, emailOf(person));

		const handling = forgetContacts(tx, traces.contacts, now, ERASED_TEXT);
		const responses = forgetResponses(tx, [...traces.responses, ...handling.handlingResponseIds], {
			dropOwnWords: true
		});
		const started = deadenInvitations(tx, traces.invitations);
		inChunks(traces.invitations, (part) =>
			tx.update(invitation).set({ customerId: null }).where(inArray(invitation.id, part)).run()
		);

		inChunks(traces.subscriptions, (part) =>
			tx
				.update(subscriber)
				.set({
					email: null,
					unsubscribedAt: sql`coalesce(${subscriber.unsubscribedAt}, ${now.getTime()})`
				})
				.where(inArray(subscriber.id, part))
				.run()
		);
		forgetMail(
			tx,
			[...new Set([...traces.emails, ...handling.mailIds, ...responses.mailIds])],
			ERASED_TEXT
		);

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
			contacts: traces.contacts.length,
			invitations: traces.invitations.length,
			responses: responses.responses,
			unfinishedResponses: responses.unfinished + started.unfinished,
			freeTextAnswers: responses.ownWords,
			equalityAnswers: responses.equalityAnswers,
			subscriptions: traces.subscriptions.length,
			emails: traces.emails.length
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
