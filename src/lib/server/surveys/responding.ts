import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, inArray } from 'drizzle-orm';
import {
	isEqualityQuestion,
	parsePageAnswers,
	tsmTenureOf,
	validateSubmission,
	type Answers,
	type SurveyDefinition,
	type SurveyPage
} from '$lib/domain/survey';
import { generateToken, hashToken } from '../auth/tokens';
import { linkHandlingResponse } from '../complaints/handling-survey';
import { writeTransaction, type Db } from '../db';
import {
	answer,
	equalityAnswer,
	invitation,
	response,
	survey,
	surveyVersion,
	type Channel,
	type Response,
	type Survey,
	type SurveyVersion
} from '../db/schema';
import { getOrganisation } from '../settings';
import { generateReference } from './references';

/** Form fields a survey page posts besides answers. */
export const PAGE_FORM_FIELDS = ['website', 'returnTo'] as const;
/** Left empty by people; bots fill it. */
export const HONEYPOT_FIELD = 'website';

export type ResponseContext = { response: Response; survey: Survey; version: SurveyVersion };

export function startResponse(
	db: Db,
	target: { survey: Survey; version: SurveyVersion },
	options: {
		channel?: Channel;
		enteredBy?: number;
		invitationId?: number;
		customerId?: number | null;
	} = {}
) {
	const token = generateToken();
	const created = db
		.insert(response)
		.values({
			surveyId: target.survey.id,
			versionId: target.version.id,
			reference: generateReference(getOrganisation(db).name),
			channel: options.channel ?? 'online',
			enteredBy: options.enteredBy ?? null,
			invitationId: options.invitationId ?? null,
			customerId: target.survey.anonymity === 'confidential' ? (options.customerId ?? null) : null,
			serviceId: target.survey.serviceId,
			resumeTokenHash: hashToken(token)
		})
		.returning()
		.get();
	return { response: created, token };
}

/** A fresh link token for an unfinished response (the old one stops working). */
export function rotateResumeToken(db: Db, responseId: number): string {
	const token = generateToken();
	db.update(response)
		.set({ resumeTokenHash: hashToken(token) })
		.where(eq(response.id, responseId))
		.run();
	return token;
}

export function findByResumeToken(db: Db, token: string): ResponseContext | undefined {
	if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
	const row = db
		.select({ response, survey, version: surveyVersion })
		.from(response)
		.innerJoin(survey, eq(survey.id, response.surveyId))
		.innerJoin(surveyVersion, eq(surveyVersion.id, response.versionId))
		.where(eq(response.resumeTokenHash, hashToken(token)))
		.get();
	return row ?? undefined;
}

export function findResponse(db: Db, responseId: number): ResponseContext | undefined {
	return (
		db
			.select({ response, survey, version: surveyVersion })
			.from(response)
			.innerJoin(survey, eq(survey.id, response.surveyId))
			.innerJoin(surveyVersion, eq(surveyVersion.id, response.versionId))
			.where(eq(response.id, responseId))
			.get() ?? undefined
	);
}

export function answersOf(db: Db, responseId: number): Answers {
	const result: Answers = {};
	for (const row of db.select().from(answer).where(eq(answer.responseId, responseId)).all())
		result[row.questionId] = row.value;
	for (const row of db
		.select()
		.from(equalityAnswer)
		.where(eq(equalityAnswer.responseId, responseId))
		.all())
		result[row.questionId] = row.value;
	return result;
}

export function findPage(definition: SurveyDefinition, pageId: string): SurveyPage | undefined {
	return definition.pages.find((p) => p.id === pageId);
}

export type PageSaveResult =
	| { ok: true; answers: Answers }
	| { ok: false; errors: Record<string, string>; unexpected: boolean };

/**
 * Saves one page's answers, replacing what the page held before. A post carrying fields this page
 * cannot have (another survey's questions, made-up names) stores nothing at all.
 */
export function savePage(
	db: Db,
	context: ResponseContext,
	pageId: string,
	raw: Record<string, string[]>,
	{ enteredByStaff = false } = {}
): PageSaveResult {
	const definition = context.version.definition;
	const page = findPage(definition, pageId);
	if (!page) return { ok: false, errors: {}, unexpected: true };
	return writeTransaction(db, (tx) => {
		const saved = answersOf(tx, context.response.id);
		const parsed = parsePageAnswers(definition, pageId, raw, {
			enteredByStaff,
			answers: saved,
			otherFields: PAGE_FORM_FIELDS
		});
		if (parsed.unexpected.length) return { ok: false, errors: {}, unexpected: true };
		if (!parsed.ok) return { ok: false, errors: parsed.errors, unexpected: false };
		const pageQuestionIds = page.questions.map((q) => q.id);
		tx.delete(answer)
			.where(
				and(eq(answer.responseId, context.response.id), inArray(answer.questionId, pageQuestionIds))
			)
			.run();
		tx.delete(equalityAnswer)
			.where(
				and(
					eq(equalityAnswer.responseId, context.response.id),
					inArray(equalityAnswer.questionId, pageQuestionIds)
				)
			)
			.run();
		writeAnswers(tx, context.response.id, page.questions, parsed.answers);
		tx.update(response)
			.set({ updatedAt: new Date() })
			.where(eq(response.id, context.response.id))
			.run();
		const merged = { ...saved };
		for (const id of pageQuestionIds) delete merged[id];
		return { ok: true, answers: { ...merged, ...parsed.answers } };
	});
}

function writeAnswers(
	tx: Db,
	responseId: number,
	questions: SurveyPage['questions'],
	answers: Answers
) {
	for (const question of questions) {
		const value = answers[question.id];
		if (value === undefined) continue;
		if (isEqualityQuestion(question))
			tx.insert(equalityAnswer)
				.values({
					responseId,
					questionId: question.id,
					questionCode: question.code,
					specialCategory: !!question.specialCategory,
					value
				})
				.run();
		else
			tx.insert(answer)
				.values({ responseId, questionId: question.id, questionCode: question.code, value })
				.run();
	}
}

/** Fingerprint of a set of answers. */
export function answersDigest(answers: Answers): string {
	const canonical = JSON.stringify(
		Object.keys(answers)
			.sort()
			.map((k) => [k, answers[k]])
	);
	return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical)));
}

/**
 * Fingerprint of the answers "Check your answers" shows and a submit will keep (answers to hidden
 * questions left out), so a submit confirms exactly those — and a retry after the submit, when the
 * hidden ones are gone, still matches.
 */
export function submissionDigest(
	definition: SurveyDefinition,
	answers: Answers,
	{ enteredByStaff = false } = {}
): string {
	return answersDigest(validateSubmission(definition, answers, { enteredByStaff }).answers);
}

export type SubmitResult =
	| { outcome: 'submitted' | 'already-submitted'; reference: string }
	| { outcome: 'answered-elsewhere' }
	| { outcome: 'changed' }
	| { outcome: 'invalid'; pageId: string; message: string };

/**
 * Submits exactly once. The same submission id with the same answers again (a retry or a double
 * click) answers with the same confirmation; a different id, or the same id with different answers,
 * on a submitted response is refused. The response, its answers and the invitation change are
 * written in one transaction.
 */
export function submitResponse(
	db: Db,
	responseId: number,
	input: { submissionId: string; digest: string },
	{ enteredByStaff = false } = {}
): SubmitResult {
	return writeTransaction(db, (tx) => {
		const context = findResponse(tx, responseId);
		if (!context) return { outcome: 'answered-elsewhere' };
		const current = context.response;
		const definition = context.version.definition;
		const saved = answersOf(tx, responseId);
		const check = validateSubmission(definition, saved, { enteredByStaff });
		const sameAnswers = answersDigest(check.answers) === input.digest;
		if (current.status === 'submitted')
			return current.submissionId === input.submissionId && sameAnswers
				? { outcome: 'already-submitted', reference: current.reference }
				: { outcome: 'answered-elsewhere' };
		if (!sameAnswers) return { outcome: 'changed' };
		const first = check.errors[0];
		if (first) return { outcome: 'invalid', pageId: first.pageId, message: first.message };
		const keptIds = new Set(Object.keys(check.answers));
		const dropped = Object.keys(saved).filter((id) => !keptIds.has(id));
		if (dropped.length) {
			tx.delete(answer)
				.where(and(eq(answer.responseId, responseId), inArray(answer.questionId, dropped)))
				.run();
			tx.delete(equalityAnswer)
				.where(
					and(
						eq(equalityAnswer.responseId, responseId),
						inArray(equalityAnswer.questionId, dropped)
					)
				)
				.run();
		}
		const anonymous = context.survey.anonymity === 'anonymous';
		// The invitation keeps its customer, so on an anonymous survey it must not keep a time either:
		// a used or opened instant would match the response's own and name the respondent. Nothing
		// reads these times; a used invitation counts as opened and answered by its status alone.
		if (current.invitationId)
			tx.update(invitation)
				.set(
					anonymous
						? { status: 'used', usedAt: null, openedAt: null }
						: { status: 'used', usedAt: new Date() }
				)
				.where(eq(invitation.id, current.invitationId))
				.run();
		tx.update(response)
			.set({
				status: 'submitted',
				submissionId: input.submissionId,
				submittedAt: new Date(),
				updatedAt: new Date(),
				tenure: tsmTenureOf(check.answers),
				// An anonymous response keeps nothing that leads back to the person.
				invitationId: anonymous ? null : current.invitationId,
				customerId: anonymous ? null : current.customerId
			})
			.where(eq(response.id, responseId))
			.run();
		if (!anonymous) linkHandlingResponse(tx, current, check.answers);
		return { outcome: 'submitted', reference: current.reference };
	});
}

/** A response a bot filled in: removed, so it never counts. */
export function discardResponse(db: Db, responseId: number) {
	db.delete(response)
		.where(and(eq(response.id, responseId), eq(response.status, 'in-progress')))
		.run();
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newSubmissionId(): string {
	return crypto.randomUUID();
}

export { generateToken };
