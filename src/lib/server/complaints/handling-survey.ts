import { and, eq } from 'drizzle-orm';
import { buildTemplate, scalePosition, type Answers } from '$lib/domain/survey';
import { generateToken, hashToken } from '../auth/tokens';
import { recordAudit } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	complaint,
	complaintHandlingResponse,
	complaintHandlingSurveyInvitation,
	contact,
	invitation,
	survey,
	surveyVersion,
	type Job,
	type Response
} from '../db/schema';
import { env } from '../env';
import { enqueueJob } from '../jobs/queue';
import type { JobHandler } from '../jobs/worker';
import { queueMail } from '../mail';
import { renderMail } from '../mail/templates';
import { getOrganisation } from '../settings';

export const HANDLING_SURVEY_JOB = 'complaint.handling-survey';
const TEMPLATE = 'complaint-handling';
const OVERALL_QUESTION_ID = 'complaint-handling';
const INVITATION_DAYS = 28;

/**
 * Queued in the transaction that closes the complaint, with the address its link starts with
 * (the job has no request to take it from).
 */
export function queueHandlingSurvey(db: Db, complaintId: number, origin: string) {
	enqueueJob(db, {
		kind: HANDLING_SURVEY_JOB,
		payload: { complaintId, origin },
		uniqueKey: `handling-survey:${complaintId}`
	});
}

/**
 * The organisation's complaint-handling survey: invitation-only and confidential, so each answer
 * stays tied to its complaint. Made from the template the first time it is needed.
 */
function handlingSurvey(db: Db) {
	const existing = db
		.select()
		.from(survey)
		.where(
			and(
				eq(survey.templateKey, TEMPLATE),
				eq(survey.accessMode, 'invitation'),
				eq(survey.status, 'open')
			)
		)
		.get();
	if (existing) return existing;
	const built = buildTemplate(TEMPLATE, getOrganisation(db).name);
	const created = db
		.insert(survey)
		.values({
			title: built.title,
			description: built.description,
			slug: `complaint-handling-${Date.now().toString(36)}`,
			templateKey: TEMPLATE,
			status: 'open',
			accessMode: 'invitation',
			anonymity: 'confidential'
		})
		.returning()
		.get();
	db.insert(surveyVersion)
		.values({ surveyId: created.id, number: 1, definition: built.definition })
		.run();
	recordAudit(db, 'system', {
		action: 'survey.create',
		entity: 'survey',
		entityId: created.id,
		after: { title: created.title, template: TEMPLATE }
	});
	return created;
}

export const handlingSurveyHandler: JobHandler = {
	async run(db: Db, job: Job) {
		const payload = job.payload as { complaintId: number; origin?: string };
		const { complaintId } = payload;
		// Jobs queued before the address travelled with them fall back to ORIGIN; never to a guess.
		const origin = payload.origin ?? env().ORIGIN;
		if (!origin)
			throw new Error(
				'Cannot send the complaint-handling survey: set ORIGIN to the public address, e.g. https://feedback.example.org'
			);
		writeTransaction(db, (tx) => {
			const pending = tx
				.select()
				.from(complaintHandlingSurveyInvitation)
				.where(eq(complaintHandlingSurveyInvitation.complaintId, complaintId))
				.get();
			if (!pending || pending.status !== 'pending') return;
			const target = handlingSurvey(tx);
			const token = generateToken();
			const created = tx
				.insert(invitation)
				.values({
					surveyId: target.id,
					tokenHash: hashToken(token),
					status: 'sent',
					expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000)
				})
				.returning()
				.get();
			const organisation = getOrganisation(tx).name;
			const reference = tx
				.select({ reference: contact.reference })
				.from(complaint)
				.innerJoin(contact, eq(contact.id, complaint.contactId))
				.where(eq(complaint.id, complaintId))
				.get()?.reference;
			const mailId = queueMail(tx, {
				to: pending.email,
				subject: `How did ${organisation} handle your complaint?`,
				category: 'complaint-handling-survey',
				...renderMail({
					greeting: 'Hello,',
					paragraphs: [
						`Your complaint${reference ? ` ${reference}` : ''} to ${organisation} has been closed. We would like to know how well we handled it, whatever the outcome.`,
						'The survey has 5 short questions and takes about 2 minutes. The link works once and for 28 days.'
					],
					link: {
						text: 'Tell us how we handled your complaint',
						url: `${new URL(origin).origin}/i/${token}`
					},
					footer: `You are receiving this because you agreed that ${organisation} may contact you about your complaint. If you would rather not take part, ignore this email.`
				})
			});
			// The invitation knows its email, as survey invitations do: its delivery status, and
			// what to forget when the complaint is anonymised.
			tx.update(invitation).set({ mailId }).where(eq(invitation.id, created.id)).run();
			tx.update(complaintHandlingSurveyInvitation)
				.set({ status: 'sent', sentAt: new Date(), invitationId: created.id })
				.where(eq(complaintHandlingSurveyInvitation.complaintId, complaintId))
				.run();
		});
	}
};

/**
 * Called as a response is submitted: if it answers a complaint's handling-survey invitation, the
 * answer is tied to the complaint for reporting by service, outcome, stage and timeliness.
 */
export function linkHandlingResponse(
	db: Db,
	submitted: Pick<Response, 'id' | 'invitationId'>,
	answers: Answers
) {
	if (!submitted.invitationId) return;
	const pending = db
		.select({ complaintId: complaintHandlingSurveyInvitation.complaintId })
		.from(complaintHandlingSurveyInvitation)
		.where(eq(complaintHandlingSurveyInvitation.invitationId, submitted.invitationId))
		.get();
	if (!pending) return;
	const overall = answers[OVERALL_QUESTION_ID];
	const position = overall?.type === 'choice' ? scalePosition(overall.value) : undefined;
	db.insert(complaintHandlingResponse)
		.values({
			complaintId: pending.complaintId,
			responseId: submitted.id,
			// 1 = very dissatisfied … 5 = very satisfied; the scale lists the most positive first.
			overallSatisfaction: position === undefined ? null : 6 - position,
			respondedAt: new Date()
		})
		.onConflictDoNothing()
		.run();
}
