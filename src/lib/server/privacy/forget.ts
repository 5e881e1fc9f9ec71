/**
 * The steps erasure (erasure.ts) and retention (retention.ts) share: each removes what ties a
 * record to a person and keeps what is counted, so figures already read do not move.
 * Call them inside a write transaction.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Answer } from '$lib/domain/survey';
import { generateToken, hashToken } from '../auth/tokens';
import type { Db } from '../db';
import { cancelQueuedMail } from '../mail';
import {
	answer,
	answerTheme,
	commentApproval,
	complaint,
	complaintHandlingResponse,
	complaintHandlingSurveyInvitation,
	contact,
	equalityAnswer,
	invitation,
	invitationLink,
	mailMessage,
	response
} from '../db/schema';

/** Rows changed in one statement, well inside SQLite's limit on bound values. */
const CHUNK = 500;

export function inChunks<T>(items: T[], work: (part: T[]) => void): void {
	for (let i = 0; i < items.length; i += CHUNK) work(items.slice(i, i + CHUNK));
}

/** Every email these invitations went in: the latest, and those a reminder replaced. */
function emailsOf(tx: Db, ids: number[]): number[] {
	if (ids.length === 0) return [];
	return [
		...tx
			.select({ mailId: invitation.mailId })
			.from(invitation)
			.where(and(inArray(invitation.id, ids), isNotNull(invitation.mailId)))
			.all(),
		...tx
			.select({ mailId: invitationLink.mailId })
			.from(invitationLink)
			.where(and(inArray(invitationLink.invitationId, ids), isNotNull(invitationLink.mailId)))
			.all()
	].map((row) => row.mailId as number);
}

/**
 * Stops every link sent for these invitations from working: the answer link (its hash is replaced
 * by one nobody holds), the unsubscribe link, the links in earlier emails, and the link that
 * resumes an unfinished response (which is deleted, with its answers). An invitation keeps its
 * status, so response rates do not change. Returns the messages that carried the links.
 */
export function deadenInvitations(
	tx: Db,
	ids: number[]
): { mailIds: number[]; unfinished: number } {
	const mailIds: number[] = [];
	let unfinished = 0;
	inChunks(ids, (part) => {
		unfinished += tx
			.delete(response)
			.where(and(inArray(response.invitationId, part), eq(response.status, 'in-progress')))
			.run().changes;
		mailIds.push(...emailsOf(tx, part));
		tx.delete(invitationLink).where(inArray(invitationLink.invitationId, part)).run();
		for (const id of part)
			tx.update(invitation)
				.set({ tokenHash: hashToken(generateToken()), unsubscribeHash: null })
				.where(eq(invitation.id, id))
				.run();
	});
	return { mailIds, unfinished };
}

/**
 * Emails that say who someone is: unsent ones are not sent, and every one loses its address,
 * subject and body (which hold the person's name and links).
 */
export function forgetMail(tx: Db, ids: number[], text: string): void {
	inChunks(ids, (part) => {
		cancelQueuedMail(tx, part, 'Not sent: the details were removed');
		tx.update(mailMessage)
			.set({ to: '', subject: text, text: '', html: null, headers: null })
			.where(inArray(mailMessage.id, part))
			.run();
	});
}

/**
 * The answer without what the person wrote in their own words: unchanged when it has none, null
 * when nothing else is left (a free-text answer).
 */
function withoutOwnWords(value: Answer): Answer | null {
	if (value.type === 'text') return null;
	if (value.type === 'choice' && value.writeIn !== undefined) {
		const { writeIn: _writeIn, ...rest } = value;
		return rest;
	}
	if (value.type === 'choices' && value.writeIns !== undefined) {
		const { writeIns: _writeIns, ...rest } = value;
		return rest;
	}
	return value;
}

export interface ForgottenResponses {
	/** The latest email of each invitation the responses came from. */
	mailIds: number[];
	responses: number;
	unfinished: number;
	ownWords: number;
	equalityAnswers: number;
}

/**
 * Unlinks responses from whoever gave them: from the customer, and from the invitation, which
 * loses its customer and, once used, its times (its time of use matches the response's). It keeps
 * its status and its email, so response rates do not move; the email is returned, for the caller
 * to forget (forgetMail). Unfinished ones are deleted whole, and the links that would start them
 * again stop working. With `dropOwnWords`, submitted ones also lose free-text answers and "please
 * specify" write-ins (which may name someone) and equality monitoring answers (special category);
 * without it they keep every answer, as an anonymous survey's responses do.
 */
export function forgetResponses(
	tx: Db,
	ids: number[],
	{ dropOwnWords }: { dropOwnWords: boolean }
): ForgottenResponses {
	const result: ForgottenResponses = {
		mailIds: [],
		responses: 0,
		unfinished: 0,
		ownWords: 0,
		equalityAnswers: 0
	};
	inChunks(ids, (part) => {
		const rows = tx
			.select({ id: response.id, status: response.status, invitationId: response.invitationId })
			.from(response)
			.where(inArray(response.id, part))
			.all();
		const invitationOf = (status: 'submitted' | 'in-progress') =>
			rows.flatMap((r) => (r.status === status && r.invitationId !== null ? [r.invitationId] : []));
		const used = invitationOf('submitted');
		const started = invitationOf('in-progress');
		result.mailIds.push(...deadenInvitations(tx, started).mailIds);
		if (started.length > 0)
			tx.update(invitation).set({ customerId: null }).where(inArray(invitation.id, started)).run();
		if (used.length > 0) {
			result.mailIds.push(...emailsOf(tx, used));
			// Links from earlier emails would tie those emails back to the invitation.
			tx.delete(invitationLink).where(inArray(invitationLink.invitationId, used)).run();
			// A used invitation counts as opened and answered by its status alone.
			tx.update(invitation)
				.set({ customerId: null, usedAt: null, openedAt: null })
				.where(inArray(invitation.id, used))
				.run();
		}
		const unfinished = rows.filter((r) => r.status !== 'submitted').map((r) => r.id);
		const submitted = rows.filter((r) => r.status === 'submitted').map((r) => r.id);
		// Answers, equality answers, themes and approvals go with the response (foreign keys cascade).
		if (unfinished.length > 0) tx.delete(response).where(inArray(response.id, unfinished)).run();
		result.unfinished += unfinished.length;
		result.responses += submitted.length;
		if (submitted.length === 0) return;
		if (dropOwnWords) {
			for (const row of tx
				.select()
				.from(answer)
				.where(inArray(answer.responseId, submitted))
				.all()) {
				const kept = withoutOwnWords(row.value);
				if (kept === row.value) continue;
				result.ownWords++;
				const same = (table: typeof answer | typeof answerTheme | typeof commentApproval) =>
					and(eq(table.responseId, row.responseId), eq(table.questionId, row.questionId));
				if (kept) {
					tx.update(answer).set({ value: kept }).where(same(answer)).run();
					continue;
				}
				tx.delete(answer).where(same(answer)).run();
				for (const table of [answerTheme, commentApproval])
					tx.delete(table).where(same(table)).run();
			}
			result.equalityAnswers += tx
				.delete(equalityAnswer)
				.where(inArray(equalityAnswer.responseId, submitted))
				.run().changes;
		}
		tx.update(response)
			.set({
				customerId: null,
				invitationId: null,
				resumeTokenHash: null,
				previousResumeTokenHash: null
			})
			.where(inArray(response.id, submitted))
			.run();
	});
	return result;
}

export interface ForgottenContacts {
	/** Messages that carried complaint-handling survey links. */
	mailIds: number[];
	/** Responses to the complaint-handling survey about these complaints. */
	handlingResponseIds: number[];
}

/**
 * Removes what identifies the customer from contacts (and so their complaints): name, contact
 * details, words and the link to a customer record. Dates, stages, outcomes and the notes staff
 * wrote stay. A complaint-handling survey not yet sent is not sent; one sent stops working.
 */
export function forgetContacts(tx: Db, ids: number[], now: Date, text: string): ForgottenContacts {
	const forgotten: ForgottenContacts = { mailIds: [], handlingResponseIds: [] };
	const handling = complaintHandlingSurveyInvitation;
	inChunks(ids, (part) => {
		tx.update(contact)
			.set({
				customerId: null,
				customerName: null,
				customerEmail: null,
				customerPhone: null,
				text,
				anonymisedAt: now
			})
			.where(inArray(contact.id, part))
			.run();
		const complaintIds = tx
			.select({ id: complaint.id })
			.from(complaint)
			.where(inArray(complaint.contactId, part))
			.all()
			.map((c) => c.id);
		if (complaintIds.length === 0) return;
		const surveys = tx
			.select()
			.from(handling)
			.where(inArray(handling.complaintId, complaintIds))
			.all();
		// Sent before invitations kept their email: that email is the one to the same address whose
		// link is the invitation's own (checked by its hash, before the link is replaced). One
		// delivered by a mail server kept no body, and so no link, and names no complaint.
		for (const row of surveys) {
			if (!row.email || row.invitationId === null) continue;
			const sent = tx.select().from(invitation).where(eq(invitation.id, row.invitationId)).get();
			if (!sent || sent.mailId !== null) continue;
			const own = tx
				.select({ id: mailMessage.id, text: mailMessage.text })
				.from(mailMessage)
				.where(
					and(
						eq(mailMessage.category, 'complaint-handling-survey'),
						sql`lower(${mailMessage.to}) = ${row.email.toLowerCase()}`
					)
				)
				.all()
				.find((mail) =>
					[...mail.text.matchAll(/\/i\/([a-z2-7]+)/g)].some(
						(match) => hashToken(match[1]!) === sent.tokenHash
					)
				);
			if (own) forgotten.mailIds.push(own.id);
		}
		forgotten.mailIds.push(
			...deadenInvitations(
				tx,
				surveys.flatMap((row) => (row.invitationId === null ? [] : [row.invitationId]))
			).mailIds
		);
		tx.update(handling)
			.set({ status: 'skipped' })
			.where(and(inArray(handling.complaintId, complaintIds), eq(handling.status, 'pending')))
			.run();
		tx.update(handling).set({ email: '' }).where(inArray(handling.complaintId, complaintIds)).run();
		forgotten.handlingResponseIds.push(
			...tx
				.select({ id: complaintHandlingResponse.responseId })
				.from(complaintHandlingResponse)
				.where(inArray(complaintHandlingResponse.complaintId, complaintIds))
				.all()
				.map((r) => r.id)
		);
	});
	return forgotten;
}
