import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { error } from '@sveltejs/kit';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import {
	isEqualityQuestion,
	nextPage,
	parsePageAnswers,
	tsmTenureOf,
	validateSubmission,
	type Answers,
	type SubmissionError,
	type SurveyDefinition,
	type SurveyPage
} from '$lib/domain/survey';
import { generateToken, hashToken } from '../auth/tokens';
import { linkHandlingResponse } from '../complaints/handling-survey';
import { groupedWriteTransaction, preparedPerDb, writeTransaction, type Db } from '../db';
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

/**
 * A fresh link token for an unfinished response. Only its hash is stored, so the link in use
 * cannot be handed out again; the one before keeps working beside the new one, so a tab still
 * open on it does not lose the page being answered. The one before that stops.
 */
export function rotateResumeToken(db: Db, responseId: number): string {
	const token = generateToken();
	db.update(response)
		.set({
			previousResumeTokenHash: sql`${response.resumeTokenHash}`,
			resumeTokenHash: hashToken(token)
		})
		.where(eq(response.id, responseId))
		.run();
	return token;
}

// Every page a respondent loads or saves runs these.
const byResumeToken = preparedPerDb((db) =>
	db
		.select({ response, survey, version: surveyVersion })
		.from(response)
		.innerJoin(survey, eq(survey.id, response.surveyId))
		.innerJoin(surveyVersion, eq(surveyVersion.id, response.versionId))
		.where(
			or(
				eq(response.resumeTokenHash, sql.placeholder('hash')),
				eq(response.previousResumeTokenHash, sql.placeholder('hash'))
			)
		)
		.prepare()
);
const answersOfResponse = preparedPerDb((db) =>
	db
		.select({ questionId: answer.questionId, value: answer.value })
		.from(answer)
		.where(eq(answer.responseId, sql.placeholder('responseId')))
		.prepare()
);
const equalityAnswersOfResponse = preparedPerDb((db) =>
	db
		.select({ questionId: equalityAnswer.questionId, value: equalityAnswer.value })
		.from(equalityAnswer)
		.where(eq(equalityAnswer.responseId, sql.placeholder('responseId')))
		.prepare()
);
// The page's question ids travel as one JSON array, so one statement serves every page.
const inJsonArray = (column: typeof answer.questionId | typeof equalityAnswer.questionId) =>
	sql`${column} in (select value from json_each(${sql.placeholder('questionIds')}))`;
const clearAnswers = preparedPerDb((db) =>
	db
		.delete(answer)
		.where(
			and(eq(answer.responseId, sql.placeholder('responseId')), inJsonArray(answer.questionId))
		)
		.prepare()
);
const clearEqualityAnswers = preparedPerDb((db) =>
	db
		.delete(equalityAnswer)
		.where(
			and(
				eq(equalityAnswer.responseId, sql.placeholder('responseId')),
				inJsonArray(equalityAnswer.questionId)
			)
		)
		.prepare()
);
const insertAnswer = preparedPerDb((db) =>
	db
		.insert(answer)
		.values({
			responseId: sql.placeholder('responseId'),
			questionId: sql.placeholder('questionId'),
			questionCode: sql.placeholder('questionCode'),
			value: sql.placeholder('value')
		})
		.prepare()
);
const insertEqualityAnswer = preparedPerDb((db) =>
	db
		.insert(equalityAnswer)
		.values({
			responseId: sql.placeholder('responseId'),
			questionId: sql.placeholder('questionId'),
			questionCode: sql.placeholder('questionCode'),
			specialCategory: sql.placeholder('specialCategory'),
			value: sql.placeholder('value')
		})
		.prepare()
);
const responseStatus = preparedPerDb((db) =>
	db
		.select({ status: response.status })
		.from(response)
		.where(eq(response.id, sql.placeholder('responseId')))
		.prepare()
);
const touchResponse = preparedPerDb((db) =>
	db
		.update(response)
		.set({ updatedAt: sql`${sql.placeholder('nowMs')}` })
		.where(eq(response.id, sql.placeholder('responseId')))
		.prepare()
);

export function findByResumeToken(db: Db, token: string): ResponseContext | undefined {
	if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
	return byResumeToken(db).get({ hash: hashToken(token) }) ?? undefined;
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
	for (const row of answersOfResponse(db).all({ responseId })) result[row.questionId] = row.value;
	for (const row of equalityAnswersOfResponse(db).all({ responseId }))
		result[row.questionId] = row.value;
	return result;
}

export function findPage(definition: SurveyDefinition, pageId: string): SurveyPage | undefined {
	return definition.pages.find((p) => p.id === pageId);
}

export type PageSaveResult =
	| { outcome: 'saved'; answers: Answers }
	| { outcome: 'invalid'; errors: Record<string, string> }
	/** Fields this page cannot have (another survey's questions, made-up names): nothing stored. */
	| { outcome: 'unexpected' }
	/**
	 * The page is not shown given the saved answers (a tab left open before an earlier answer
	 * changed): nothing is stored or cleared, and the respondent goes on to the page now next.
	 */
	| { outcome: 'hidden'; nextPageId: string | null };

/**
 * Saves one page's answers, replacing what the page held before. A post carrying fields this page
 * cannot have (another survey's questions, made-up names) stores nothing at all, and neither does
 * a post to a page that earlier answers now hide: its saved answers wait in case it is shown again.
 */
export function savePage(
	db: Db,
	context: ResponseContext,
	pageId: string,
	raw: Record<string, string[]>,
	{ enteredByStaff = false } = {}
): Promise<PageSaveResult> {
	const definition = context.version.definition;
	const page = findPage(definition, pageId);
	if (!page) return Promise.resolve({ outcome: 'unexpected' });
	return groupedWriteTransaction(db, (tx): PageSaveResult => {
		// Checked again here: the response may have been sent (from another tab) since it was read.
		if (responseStatus(tx).get({ responseId: context.response.id })?.status !== 'in-progress')
			error(409, 'You have already answered this survey');
		const saved = answersOf(tx, context.response.id);
		const parsed = parsePageAnswers(definition, pageId, raw, {
			enteredByStaff,
			answers: saved,
			otherFields: PAGE_FORM_FIELDS
		});
		if (parsed.unexpected.length) return { outcome: 'unexpected' };
		if (!parsed.pageVisible)
			return { outcome: 'hidden', nextPageId: nextPage(definition, pageId, saved)?.id ?? null };
		if (!parsed.ok) return { outcome: 'invalid', errors: parsed.errors };
		const pageQuestionIds = page.questions.map((q) => q.id);
		const responseId = context.response.id;
		const questionIds = JSON.stringify(pageQuestionIds);
		clearAnswers(tx).run({ responseId, questionIds });
		clearEqualityAnswers(tx).run({ responseId, questionIds });
		writeAnswers(tx, responseId, page.questions, parsed.answers);
		touchResponse(tx).run({ responseId, nowMs: Date.now() });
		const merged = { ...saved };
		for (const id of pageQuestionIds) delete merged[id];
		return { outcome: 'saved', answers: { ...merged, ...parsed.answers } };
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
		const row = { responseId, questionId: question.id, questionCode: question.code, value };
		if (isEqualityQuestion(question))
			insertEqualityAnswer(tx).run({ ...row, specialCategory: !!question.specialCategory });
		else insertAnswer(tx).run(row);
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
	| { outcome: 'invalid'; pageId: string; message: string; errors: SubmissionError[] };

/** What "Check your answers" lists when a send is refused: each answer still needed, by page. */
export function problemsOf(
	errors: SubmissionError[]
): { pageId: string; field: string; message: string }[] {
	return errors.map(({ pageId, field, message }) => ({ pageId, field, message }));
}

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
		if (first)
			return {
				outcome: 'invalid',
				pageId: first.pageId,
				message: first.message,
				errors: check.errors
			};
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
