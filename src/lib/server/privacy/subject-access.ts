/**
 * A subject access request (UK GDPR article 15): everything held about one customer, as one
 * machine-readable file. What is found is found by the customer's record, or by their email
 * address where a record does not link (a contact made through "Tell us", an update sign-up, a
 * message sent). Anonymous survey answers cannot be found, by design: nothing links them to anyone.
 */
import { and, asc, eq, inArray, sql, type AnyColumn } from 'drizzle-orm';
import { allQuestions, formatAnswer, type Answer, type Question } from '$lib/domain/survey';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	answer,
	auditLog,
	complaint,
	complaintStage,
	consultation,
	contact,
	customer,
	customerService,
	equalityAnswer,
	invitation,
	mailMessage,
	response,
	service,
	subscriber,
	survey,
	surveyVersion
} from '../db/schema';
import { contactsOfPerson, emailOf } from './person';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const sameEmail = (column: AnyColumn, email: string) => sql`lower(${column}) = ${email}`;

function answerRows(
	rows: { questionId: string; questionCode: string; value: Answer }[],
	questions: Map<string, Question>
) {
	return rows.map((row) => {
		const question = questions.get(row.questionId);
		return {
			code: row.questionCode,
			question: question?.text ?? null,
			answer: question ? formatAnswer(question, row.value) : row.value
		};
	});
}

/** Everything held about the customer, or undefined when there is no such customer. */
export function subjectAccessData(db: Db, customerId: number, now = new Date()) {
	const person = db.select().from(customer).where(eq(customer.id, customerId)).get();
	if (!person) return undefined;
	const email = emailOf(person);

	const services = db
		.select({ name: service.name })
		.from(customerService)
		.innerJoin(service, eq(service.id, customerService.serviceId))
		.where(eq(customerService.customerId, customerId))
		.orderBy(asc(service.name))
		.all()
		.map((s) => s.name);

	const invitations = db
		.select({ survey: survey.title, invitation })
		.from(invitation)
		.innerJoin(survey, eq(survey.id, invitation.surveyId))
		.where(eq(invitation.customerId, customerId))
		.orderBy(asc(invitation.createdAt))
		.all()
		.map(({ survey: title, invitation: i }) => ({
			survey: title,
			status: i.status,
			createdAt: iso(i.createdAt),
			lastSentAt: iso(i.lastSentAt),
			remindersSent: i.remindersSent,
			openedAt: iso(i.openedAt),
			usedAt: iso(i.usedAt),
			expiresAt: iso(i.expiresAt)
		}));

	// Only confidential surveys link a response to a customer.
	const responses = db
		.select({ response, survey: survey.title, definition: surveyVersion.definition })
		.from(response)
		.innerJoin(survey, eq(survey.id, response.surveyId))
		.innerJoin(surveyVersion, eq(surveyVersion.id, response.versionId))
		.where(eq(response.customerId, customerId))
		.orderBy(asc(response.startedAt))
		.all();
	const responseIds = responses.map((r) => r.response.id);
	const answersOf = (table: typeof answer | typeof equalityAnswer) =>
		responseIds.length === 0
			? []
			: db
					.select({
						responseId: table.responseId,
						questionId: table.questionId,
						questionCode: table.questionCode,
						value: table.value
					})
					.from(table)
					.where(inArray(table.responseId, responseIds))
					.all();
	const surveyAnswers = answersOf(answer);
	const equalityAnswers = answersOf(equalityAnswer);

	const contacts = db
		.select()
		.from(contact)
		.where(contactsOfPerson(customerId, email))
		.orderBy(asc(contact.receivedAt))
		.all();
	const contactIds = contacts.map((c) => c.id);
	const complaints =
		contactIds.length === 0
			? []
			: db.select().from(complaint).where(inArray(complaint.contactId, contactIds)).all();
	const stages =
		complaints.length === 0
			? []
			: db
					.select()
					.from(complaintStage)
					.where(
						inArray(
							complaintStage.complaintId,
							complaints.map((c) => c.id)
						)
					)
					.orderBy(asc(complaintStage.stage))
					.all();

	const subscriptions = email
		? db
				.select({ consultation: consultation.title, subscriber })
				.from(subscriber)
				.innerJoin(consultation, eq(consultation.id, subscriber.consultationId))
				.where(sameEmail(subscriber.email, email))
				.all()
				.map(({ consultation: title, subscriber: s }) => ({
					consultation: title,
					confirmedAt: iso(s.confirmedAt),
					unsubscribedAt: iso(s.unsubscribedAt)
				}))
		: [];

	// What was sent, not the messages themselves: their links are still someone's keys.
	const emails = email
		? db
				.select({
					subject: mailMessage.subject,
					category: mailMessage.category,
					status: mailMessage.status,
					createdAt: mailMessage.createdAt,
					sentAt: mailMessage.sentAt
				})
				.from(mailMessage)
				.where(sameEmail(mailMessage.to, email))
				.orderBy(asc(mailMessage.createdAt))
				.all()
				.map((m) => ({ ...m, createdAt: iso(m.createdAt), sentAt: iso(m.sentAt) }))
		: [];

	const history = db
		.select({ at: auditLog.at, actor: auditLog.actor, action: auditLog.action })
		.from(auditLog)
		.where(and(eq(auditLog.entity, 'customer'), eq(auditLog.entityId, String(customerId))))
		.orderBy(asc(auditLog.at))
		.all()
		.map((entry) => ({ ...entry, at: iso(entry.at) }));

	return {
		producedAt: now.toISOString(),
		notes: [
			'Found by the customer record and by its email address.',
			'Answers to anonymous surveys are not linked to anyone, so they cannot be found or included.',
			'Emails are listed by subject and date; their links are left out.'
		],
		customer: {
			name: person.name,
			email: person.email,
			phone: person.phone,
			reference: person.reference,
			tenure: person.tenure,
			services,
			consentSurveys: person.consentSurveys,
			consentUpdates: person.consentUpdates,
			notes: person.notes,
			optedOutAt: iso(person.optedOutAt),
			createdAt: iso(person.createdAt),
			updatedAt: iso(person.updatedAt)
		},
		surveyInvitations: invitations,
		surveyResponses: responses.map(({ response: r, survey: title, definition }) => {
			const questions = new Map(allQuestions(definition).map((q) => [q.id, q]));
			return {
				survey: title,
				reference: r.reference,
				status: r.status,
				channel: r.channel,
				startedAt: iso(r.startedAt),
				submittedAt: iso(r.submittedAt),
				answers: answerRows(
					surveyAnswers.filter((a) => a.responseId === r.id),
					questions
				),
				equalityMonitoring: answerRows(
					equalityAnswers.filter((a) => a.responseId === r.id),
					questions
				)
			};
		}),
		contacts: contacts.map((c) => {
			const raised = complaints.find((k) => k.contactId === c.id);
			return {
				reference: c.reference,
				kind: c.kind,
				channel: c.channel,
				receivedAt: iso(c.receivedAt),
				text: c.text,
				name: c.customerName,
				email: c.customerEmail,
				phone: c.customerPhone,
				contactConsent: c.contactConsent,
				anonymisedAt: iso(c.anonymisedAt),
				complaint: raised
					? {
							status: raised.status,
							nature: raised.nature,
							closedAt: iso(raised.closedAt),
							refusalReason: raised.refusalReason,
							stages: stages
								.filter((s) => s.complaintId === raised.id)
								.map((s) => ({
									stage: s.stage,
									receivedAt: iso(s.receivedAt),
									acknowledgedAt: iso(s.acknowledgedAt),
									respondedAt: iso(s.respondedAt),
									outcome: s.outcome,
									remedy: s.remedy,
									compensationPence: s.compensationPence
								}))
						}
					: null
			};
		}),
		consultationUpdates: subscriptions,
		emails,
		recordHistory: history
	};
}

export type SubjectAccessData = NonNullable<ReturnType<typeof subjectAccessData>>;

/** The export, with a record in the audit log that it was made and by whom. */
export function exportSubjectAccess(db: Db, actor: Actor, customerId: number, now = new Date()) {
	return writeTransaction(db, (tx) => {
		const data = subjectAccessData(tx, customerId, now);
		if (data)
			recordAudit(tx, actor, {
				action: 'customer.subject-access-export',
				entity: 'customer',
				entityId: customerId
			});
		return data;
	});
}
