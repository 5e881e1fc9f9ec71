/**
 * Turning posted form values into typed answers, and checking stored answers before a response is
 * submitted. Every posted value is checked against its question; anything the form could not have
 * posted is reported rather than dropped, so the server can refuse the whole post.
 */

import { z } from 'zod';
import { answerToFormValues } from './answer-format';
import { evaluateVisibility } from './conditions';
import { DATE_UNITS, parseFieldName, questionFieldName } from './form-fields';
import { requiredMessage } from './messages';
import {
	parseQuestion,
	type AnswerOptions,
	type FieldError,
	type QuestionResult,
	type Values
} from './parse-question';
import { ANSWER_TYPE_BY_QUESTION_TYPE, findPage } from './types';
import type { Answer, Answers, Question, SurveyDefinition } from './types';

export { NUMBER_LIMIT, type AnswerOptions, type FieldError } from './parse-question';

/** Stored answer JSON, checked before use. */
export const answerSchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('choice'), value: z.string(), writeIn: z.string().optional() }),
	z.object({
		type: z.literal('choices'),
		values: z.array(z.string()).min(1),
		writeIns: z.record(z.string(), z.string()).optional()
	}),
	z.object({ type: z.literal('number'), value: z.number() }),
	z.object({ type: z.literal('text'), value: z.string() }),
	z.object({ type: z.literal('date'), value: z.string() }),
	z.object({ type: z.literal('grid'), rows: z.record(z.string(), z.string()) }),
	z.object({ type: z.literal('refused') })
]);
export const answersSchema = z.record(z.string(), answerSchema);

function hasOwn(object: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(object, key);
}

/** Whether `q_<id>.<parts>` is a name this question's inputs can post. */
function partAllowed(question: Question, parts: readonly string[]): boolean {
	if (parts.length === 0) return question.type !== 'date' && question.type !== 'grid';
	const [head, option, ...rest] = parts;
	switch (question.type) {
		case 'date':
			return parts.length === 1 && (DATE_UNITS as readonly string[]).includes(head ?? '');
		case 'grid':
			return parts.length === 1 && question.rows.some((row) => row.value === head);
		case 'single-choice':
		case 'multiple-choice':
			return (
				head === 'other' &&
				rest.length === 0 &&
				question.options.some((o) => o.value === option && o.writeIn)
			);
		default:
			return false;
	}
}

export type UnexpectedReason =
	/** Not an answer field, and not one of the form's own `otherFields`. */
	| 'unknown-field'
	/** An answer field for a question that is not in this survey (another survey's, or made up). */
	| 'unknown-question'
	/** A question of this survey that is on another page. */
	| 'other-page'
	/** A grid row, write-in or date part the question does not have. */
	| 'unknown-part'
	/** A field that takes one value sent several times, or the same checkbox twice. */
	| 'repeated';

export interface UnexpectedField {
	field: string;
	reason: UnexpectedReason;
}

export interface PageParseOptions extends AnswerOptions {
	/** Answers given so far, which earlier pages' conditions are evaluated against. */
	answers?: Answers;
	/** Names the page's form posts besides answers (a bot trap, the button pressed, …). */
	otherFields?: readonly string[];
}

export interface PageAnswers {
	/** No errors and nothing unexpected. */
	ok: boolean;
	/** Whether the page is shown at all given the answers; if not, nothing is kept from it. */
	pageVisible: boolean;
	/** Answers to this page's shown questions. Blank and invalid ones have no key. */
	answers: Answers;
	/** Field name → message, in the order of the questions (for the error summary). */
	errors: Record<string, string>;
	/** Fields the page's form cannot post: the server should refuse the whole post. */
	unexpected: UnexpectedField[];
	/** This page's questions shown given what was posted (for live show / hide in the browser). */
	visibleQuestionIds: string[];
}

/**
 * Parses one page's post. Questions hidden by skip logic (including those that depend on an
 * answer given on this same page) lose their answers and raise no errors.
 * Throws a RangeError for a page id not in the definition: look the page up before calling.
 */
export function parsePageAnswers(
	definition: SurveyDefinition,
	pageId: string,
	raw: Record<string, readonly string[]>,
	options: PageParseOptions = {}
): PageAnswers {
	const page = findPage(definition, pageId);
	if (page === undefined) throw new RangeError(`No page ${pageId} in this survey`);

	const pageOf = new Map<string, string>();
	for (const p of definition.pages) for (const q of p.questions) pageOf.set(q.id, p.id);
	const otherFields = new Set(options.otherFields ?? []);
	const unexpected: UnexpectedField[] = [];
	const valuesByQuestion = new Map<string, Values>();

	for (const [name, values] of Object.entries(raw)) {
		const parsed = parseFieldName(name);
		if (parsed === null) {
			if (!otherFields.has(name)) unexpected.push({ field: name, reason: 'unknown-field' });
			continue;
		}
		const owner = pageOf.get(parsed.questionId);
		if (owner === undefined) {
			unexpected.push({ field: name, reason: 'unknown-question' });
			continue;
		}
		if (owner !== page.id) {
			unexpected.push({ field: name, reason: 'other-page' });
			continue;
		}
		const question = page.questions.find((q) => q.id === parsed.questionId);
		if (question === undefined || !partAllowed(question, parsed.parts)) {
			unexpected.push({ field: name, reason: 'unknown-part' });
			continue;
		}
		const checkboxes = question.type === 'multiple-choice' && parsed.parts.length === 0;
		const nonEmpty = values.filter((v) => v.trim() !== '').map((v) => v.trim());
		const repeated = checkboxes ? new Set(nonEmpty).size !== nonEmpty.length : values.length > 1;
		if (repeated) {
			unexpected.push({ field: name, reason: 'repeated' });
			continue;
		}
		let questionValues = valuesByQuestion.get(question.id);
		if (questionValues === undefined) {
			questionValues = Object.create(null) as Values;
			valuesByQuestion.set(question.id, questionValues);
		}
		questionValues[name] = values;
	}

	const results = new Map<string, QuestionResult>();
	const merged: Answers = { ...options.answers };
	for (const question of page.questions) {
		const result = parseQuestion(question, valuesByQuestion.get(question.id) ?? {}, options);
		results.set(question.id, result);
		delete merged[question.id];
		if (result.answer !== undefined) merged[question.id] = result.answer;
	}

	const visibility = evaluateVisibility(definition, merged);
	const pageVisibility = visibility.pages.find((p) => p.page.id === page.id);
	const answers: Answers = {};
	const errors: Record<string, string> = {};
	const visibleQuestionIds: string[] = [];
	for (const { question, visible } of pageVisibility?.questions ?? []) {
		if (!visible) continue;
		visibleQuestionIds.push(question.id);
		const result = results.get(question.id);
		if (result?.answer !== undefined) answers[question.id] = result.answer;
		for (const error of result?.errors ?? []) errors[error.field] ??= error.message;
	}
	return {
		ok: Object.keys(errors).length === 0 && unexpected.length === 0,
		pageVisible: pageVisibility?.visible ?? false,
		answers,
		errors,
		unexpected,
		visibleQuestionIds
	};
}

export type AnswerCheck =
	{ ok: true; answer: Answer | undefined } | { ok: false; errors: FieldError[] };

/**
 * Checks a stored answer against its question by the same rules as a post, and returns it in its
 * canonical form. `answer: undefined` means it holds nothing (e.g. blank text).
 */
export function validateAnswer(
	question: Question,
	answer: unknown,
	options: AnswerOptions = {}
): AnswerCheck {
	const invalid: AnswerCheck = {
		ok: false,
		errors: [{ field: questionFieldName(question), message: requiredMessage(question) }]
	};
	const parsed = answerSchema.safeParse(answer);
	if (!parsed.success) return invalid;
	const value = parsed.data;
	if (value.type !== 'refused' && value.type !== ANSWER_TYPE_BY_QUESTION_TYPE[question.type]) {
		return invalid;
	}
	if (value.type === 'grid' && question.type === 'grid') {
		const rows = new Set(question.rows.map((row) => row.value));
		if (Object.keys(value.rows).some((row) => !rows.has(row))) return invalid;
	}
	const result = parseQuestion(question, answerToFormValues(question, value), options);
	if (result.errors.length > 0) return { ok: false, errors: result.errors };
	if (value.type === 'choices' && result.answer?.type === 'choices') {
		if (result.answer.values.length !== value.values.length) return invalid;
	}
	if (result.answer === undefined && value.type !== 'text') return invalid;
	return { ok: true, answer: result.answer };
}

export interface SubmissionError extends FieldError {
	/** The page to send the person back to. */
	pageId: string;
	questionId: string;
}

export interface SubmissionCheck {
	ok: boolean;
	/** The answers to keep: shown questions only, in canonical form. */
	answers: Answers;
	/** In survey order. */
	errors: SubmissionError[];
	/** Ids of questions whose answers were dropped because skip logic hid them. */
	discarded: string[];
	/** Keys that are not questions of this survey; the caller decides whether that is fatal. */
	unknownQuestionIds: string[];
}

/**
 * Decides from the answers themselves what was shown, and so what was required. Answers to hidden
 * questions are discarded; an invalid answer counts as no answer for the questions after it.
 */
export function validateSubmission(
	definition: SurveyDefinition,
	answers: Answers,
	options: AnswerOptions = {}
): SubmissionCheck {
	const known = new Set<string>();
	const valid: Answers = {};
	const answerErrors = new Map<string, FieldError[]>();
	for (const page of definition.pages) {
		for (const question of page.questions) {
			known.add(question.id);
			if (!hasOwn(answers, question.id)) continue;
			const check = validateAnswer(question, answers[question.id], options);
			if (!check.ok) answerErrors.set(question.id, check.errors);
			else if (check.answer !== undefined) valid[question.id] = check.answer;
		}
	}

	const visibility = evaluateVisibility(definition, valid);
	const errors: SubmissionError[] = [];
	const discarded: string[] = [];
	for (const { page, questions } of visibility.pages) {
		for (const { question, visible } of questions) {
			const given = hasOwn(answers, question.id);
			if (!visible) {
				if (given) discarded.push(question.id);
				continue;
			}
			const found =
				answerErrors.get(question.id) ??
				(valid[question.id] === undefined && question.required
					? [{ field: questionFieldName(question), message: requiredMessage(question) }]
					: []);
			for (const error of found) {
				errors.push({ ...error, pageId: page.id, questionId: question.id });
			}
		}
	}
	return {
		ok: errors.length === 0,
		answers: visibility.answers,
		errors,
		discarded,
		unknownQuestionIds: Object.keys(answers).filter((id) => !known.has(id))
	};
}
