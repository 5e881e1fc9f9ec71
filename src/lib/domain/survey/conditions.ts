/**
 * Skip logic. Visibility is decided by one walk through the definition in order, keeping only the
 * answers of questions that were shown: a question hidden because its source was hidden therefore
 * sees that source as unanswered, however stale answers the caller passes in.
 */

import { parseQuestion, type AnswerOptions, type Values } from './parse-question';
import type { Answer, Answers, Condition, Question, SurveyDefinition, SurveyPage } from './types';

/** The question ids a condition reads, nested conditions included. */
export function conditionSources(condition: Condition): string[] {
	switch (condition.type) {
		case 'all':
		case 'any':
			return condition.conditions.flatMap(conditionSources);
		default:
			return [condition.questionId];
	}
}

function matches(answer: Answer, value: string | number): boolean {
	switch (answer.type) {
		case 'choice':
		case 'text':
		case 'date':
		case 'number':
			return answer.value === value;
		case 'choices':
			return typeof value === 'string' && answer.values.includes(value);
		default:
			return false;
	}
}

/** A staff-recorded refusal is not an answer for skip logic: it chose nothing. */
function substantive(answer: Answer | undefined): answer is Answer {
	return answer !== undefined && answer.type !== 'refused';
}

const UNKNOWN = Symbol('unknown');
type Lookup = (questionId: string) => Answer | undefined | typeof UNKNOWN;

/** Three-valued (Kleene) evaluation: null when it depends on an answer not known yet. */
function evaluate(condition: Condition, lookup: Lookup): boolean | null {
	switch (condition.type) {
		case 'all': {
			let result: boolean | null = true;
			for (const inner of condition.conditions) {
				const value = evaluate(inner, lookup);
				if (value === false) return false;
				if (value === null) result = null;
			}
			return result;
		}
		case 'any': {
			let result: boolean | null = false;
			for (const inner of condition.conditions) {
				const value = evaluate(inner, lookup);
				if (value === true) return true;
				if (value === null) result = null;
			}
			return result;
		}
	}
	const answer = lookup(condition.questionId);
	if (answer === UNKNOWN) return null;
	if (!substantive(answer)) return false;
	switch (condition.type) {
		case 'answered':
			return true;
		case 'equals':
			return matches(answer, condition.value);
		case 'one-of':
			return condition.values.some((value) => matches(answer, value));
		case 'range':
			return (
				answer.type === 'number' &&
				(condition.min === undefined || answer.value >= condition.min) &&
				(condition.max === undefined || answer.value <= condition.max)
			);
	}
}

/** Whether a condition holds for these answers; a missing condition always holds. */
export function evaluateCondition(condition: Condition | undefined, answers: Answers): boolean {
	if (condition === undefined) return true;
	return evaluate(condition, (id) => answers[id]) === true;
}

export interface QuestionVisibility {
	question: Question;
	visible: boolean;
}

export interface PageVisibility {
	page: SurveyPage;
	/** Its condition holds and at least one of its questions is shown. */
	visible: boolean;
	questions: QuestionVisibility[];
}

export interface Visibility {
	pages: PageVisibility[];
	/** The answers given to shown questions: what a submission keeps. */
	answers: Answers;
}

/** The one place that decides what is shown. Same result in the server and the browser. */
export function evaluateVisibility(definition: SurveyDefinition, answers: Answers): Visibility {
	const kept: Answers = {};
	const pages = definition.pages.map((page): PageVisibility => {
		const pageShown = evaluateCondition(page.condition, kept);
		const questions = page.questions.map((question): QuestionVisibility => {
			const visible = pageShown && evaluateCondition(question.condition, kept);
			const answer = answers[question.id];
			if (visible && answer !== undefined) kept[question.id] = answer;
			return { question, visible };
		});
		return { page, visible: pageShown && questions.some((q) => q.visible), questions };
	});
	return { pages, answers: kept };
}

/** Pages to show, in order. A page whose questions are all hidden is skipped. */
export function visiblePages(definition: SurveyDefinition, answers: Answers): SurveyPage[] {
	return evaluateVisibility(definition, answers)
		.pages.filter((page) => page.visible)
		.map((page) => page.page);
}

/** Questions to show, in survey order. */
export function visibleQuestions(definition: SurveyDefinition, answers: Answers): Question[] {
	return evaluateVisibility(definition, answers).pages.flatMap((page) =>
		page.questions.filter((q) => q.visible).map((q) => q.question)
	);
}

/** The answers with those to hidden questions (and unknown question ids) removed. */
export function keptAnswers(definition: SurveyDefinition, answers: Answers): Answers {
	return evaluateVisibility(definition, answers).answers;
}

export interface PageQuestion {
	question: Question;
	/**
	 * Whether it shows depends on an answer on this same page: render it as a conditional reveal
	 * (shown without JavaScript; toggled live with it using visibleQuestions).
	 */
	conditional: boolean;
}

/**
 * The questions to put in the form for one page, given the answers to earlier pages. Questions that
 * earlier answers already hide are left out; those depending on this page's answers are marked.
 * Empty when the page itself is not shown.
 */
export function questionsForPage(
	definition: SurveyDefinition,
	pageId: string,
	answers: Answers
): PageQuestion[] {
	const page = definition.pages.find((p) => p.id === pageId);
	if (page === undefined) return [];
	const earlier = answersBefore(definition, pageId, answers);
	if (!evaluateCondition(page.condition, earlier)) return [];

	const state = new Map<string, boolean | null>();
	const result: PageQuestion[] = [];
	for (const question of page.questions) {
		const shown =
			question.condition === undefined
				? true
				: evaluate(question.condition, (id) => {
						const samePage = state.get(id);
						if (samePage === undefined) return earlier[id];
						return samePage === false ? undefined : UNKNOWN;
					});
		state.set(question.id, shown);
		if (shown !== false) result.push({ question, conditional: shown === null });
	}
	return result;
}

/** The answers kept from the pages before this one: what its conditions can read. */
function answersBefore(definition: SurveyDefinition, pageId: string, answers: Answers): Answers {
	const visibility = evaluateVisibility(definition, answers);
	const index = definition.pages.findIndex((page) => page.id === pageId);
	const earlier: Answers = {};
	for (const before of visibility.pages.slice(0, Math.max(index, 0))) {
		for (const { question, visible } of before.questions) {
			const answer = visibility.answers[question.id];
			if (visible && answer !== undefined) earlier[question.id] = answer;
		}
	}
	return earlier;
}

/**
 * What the browser needs to show and hide a page's questions while the person answers it: the
 * page's questions when any of them depends on another on the same page, with the earlier answers
 * their conditions read (and no others). Null when nothing on the page can change as they answer.
 */
export function liveConditions(
	definition: SurveyDefinition,
	pageId: string,
	answers: Answers,
	shown: PageQuestion[]
): { questions: Question[]; earlier: Answers } | null {
	if (!shown.some((q) => q.conditional)) return null;
	const earlier = answersBefore(definition, pageId, answers);
	const read: Answers = {};
	for (const { question } of shown)
		for (const id of question.condition ? conditionSources(question.condition) : [])
			if (earlier[id] !== undefined) read[id] = earlier[id];
	return { questions: shown.map((q) => q.question), earlier: read };
}

/**
 * Which of a page's questions show for what its form holds right now, walking the page in order
 * as evaluateVisibility walks the survey: an answer counts only once it is complete and valid,
 * and only while its question is shown. The server decides again from what is posted.
 */
export function questionsShownNow(
	questions: Question[],
	values: Values,
	earlier: Answers,
	options: AnswerOptions = {}
): Set<string> {
	const known: Answers = { ...earlier };
	const shown = new Set<string>();
	for (const question of questions) {
		if (!evaluateCondition(question.condition, known)) continue;
		shown.add(question.id);
		const { answer } = parseQuestion(question, values, options);
		if (answer !== undefined) known[question.id] = answer;
	}
	return shown;
}

/** The page to show after this one, or undefined when this was the last shown page. */
export function nextPage(
	definition: SurveyDefinition,
	pageId: string,
	answers: Answers
): SurveyPage | undefined {
	const index = definition.pages.findIndex((page) => page.id === pageId);
	if (index < 0) return undefined;
	const shown = new Set(visiblePages(definition, answers).map((page) => page.id));
	return definition.pages.slice(index + 1).find((page) => shown.has(page.id));
}

/** The shown page before this one (for "Back"), or undefined on the first. */
export function previousPage(
	definition: SurveyDefinition,
	pageId: string,
	answers: Answers
): SurveyPage | undefined {
	const index = definition.pages.findIndex((page) => page.id === pageId);
	if (index < 0) return undefined;
	const shown = new Set(visiblePages(definition, answers).map((page) => page.id));
	return definition.pages
		.slice(0, index)
		.reverse()
		.find((page) => shown.has(page.id));
}
