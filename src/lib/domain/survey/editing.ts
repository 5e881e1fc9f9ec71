/**
 * The survey builder's edits, one pure function per thing a member of staff can do. Each takes a
 * definition and returns a new one (the input is never changed); the caller validates the result
 * with parseDefinition and saves it through the versioning rules. An edit that cannot make sense
 * whatever the rest of the survey says throws EditError with a message for the person editing.
 */

import { EQUALITY_PAGE_ID, isEqualityQuestion } from './equality';
import { answerOptions } from './scales';
import {
	OPTION_VALUE_PATTERN,
	allQuestions,
	findQuestion,
	type ChoiceOption,
	type Condition,
	type GridScale,
	type Question,
	type QuestionType,
	type SurveyDefinition,
	type SurveyPage
} from './types';
import { conditionSources } from './conditions';

export class EditError extends Error {
	constructor(
		message: string,
		/** The form field the message belongs next to, when the edit knows it. */
		readonly field?: string
	) {
		super(message);
	}
}

export type Direction = 'up' | 'down';

export const QUESTION_TYPE_NAMES: Readonly<Record<QuestionType, string>> = {
	'single-choice': 'Single choice (radios)',
	'multiple-choice': 'Multiple choice (checkboxes)',
	satisfaction: 'Satisfaction scale (5 points)',
	agreement: 'Agreement scale (5 points)',
	nps: 'Net Promoter Score (0 to 10)',
	effort: 'Customer effort (1 to 7)',
	rating: 'Rating (1 to 10)',
	'yes-no': 'Yes or no',
	'short-text': 'Short text',
	'long-text': 'Long text',
	number: 'Number',
	date: 'Date',
	grid: 'Grid (several statements on one scale)'
};

/** The value given to the "Other — please specify" option the builder adds. */
export const OTHER_OPTION: ChoiceOption = {
	value: 'other',
	label: 'Other — please specify',
	writeIn: true
};

const copy = (definition: SurveyDefinition): SurveyDefinition => structuredClone(definition);

/**
 * Ids are random rather than numbered: answers are stored by id across versions, so an id freed
 * by deleting a question must never be handed to a different question later.
 */
function freshId(prefix: string, taken: ReadonlySet<string>): string {
	for (;;) {
		const bytes = crypto.getRandomValues(new Uint8Array(6));
		const id = `${prefix}${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`;
		if (!taken.has(id.toLowerCase())) return id;
	}
}

/** A page id no page has used in this definition. */
export function newPageId(definition: SurveyDefinition): string {
	return freshId('p-', new Set(definition.pages.map((p) => p.id.toLowerCase())));
}

/** A question id no question has used in this definition. */
export function newQuestionId(definition: SurveyDefinition): string {
	return freshId('q-', new Set(allQuestions(definition).map((q) => q.id.toLowerCase())));
}

/**
 * The next Q-number code after the highest in use (Q1, Q2, …), so deleting the last question is
 * the only way a code comes back. Codes are compared without case, as exports do.
 */
export function nextQuestionCode(definition: SurveyDefinition): string {
	const codes = new Set(allQuestions(definition).map((q) => q.code.toUpperCase()));
	let highest = 0;
	for (const code of codes) {
		const match = /^Q(\d{1,6})$/.exec(code);
		if (match) highest = Math.max(highest, Number(match[1]));
	}
	for (let n = highest + 1; ; n++) if (!codes.has(`Q${n}`)) return `Q${n}`;
}

/** A question of the type with sensible starting settings, ready to be edited. */
export function blankQuestion(
	type: QuestionType,
	fields: { id: string; code: string; text: string }
): Question {
	const base = { ...fields, required: false };
	switch (type) {
		case 'single-choice':
		case 'multiple-choice':
			return {
				...base,
				type,
				options: [
					{ value: 'option-1', label: 'Option 1' },
					{ value: 'option-2', label: 'Option 2' }
				]
			};
		case 'satisfaction':
		case 'agreement':
			return { ...base, type, notApplicable: false };
		case 'short-text':
			return { ...base, type, maxLength: 200 };
		case 'long-text':
			return { ...base, type, maxLength: 2000 };
		case 'number':
			return { ...base, type, integer: true };
		case 'grid':
			return {
				...base,
				type,
				rows: [
					{ value: 'statement-1', label: 'Statement 1' },
					{ value: 'statement-2', label: 'Statement 2' }
				],
				scale: { type: 'satisfaction', notApplicable: false }
			};
		default:
			return { ...base, type } as Question;
	}
}

function pageIndexOf(definition: SurveyDefinition, pageId: string): number {
	const index = definition.pages.findIndex((page) => page.id === pageId);
	if (index < 0) throw new EditError('That page is no longer in this survey');
	return index;
}

function locate(definition: SurveyDefinition, questionId: string) {
	for (const [pageIndex, page] of definition.pages.entries()) {
		const index = page.questions.findIndex((q) => q.id === questionId);
		if (index >= 0) return { page, pageIndex, index, question: page.questions[index]! };
	}
	throw new EditError('That question is no longer in this survey');
}

function refuseEquality(question: Question): void {
	if (isEqualityQuestion(question))
		throw new EditError(
			'The equality monitoring questions are a fixed set: include or remove them as a whole'
		);
}

/** Where new pages go: before the equality-monitoring page, which stays last. */
function insertionIndex(definition: SurveyDefinition): number {
	const equality = definition.pages.findIndex((page) => page.id === EQUALITY_PAGE_ID);
	return equality < 0 ? definition.pages.length : equality;
}

export interface NewQuestion {
	type: QuestionType;
	text: string;
}

/** A page cannot be empty, so a new page arrives with its first question. */
export function addPage(
	definition: SurveyDefinition,
	input: { title?: string; question: NewQuestion }
): { definition: SurveyDefinition; pageId: string; questionId: string } {
	const next = copy(definition);
	const pageId = newPageId(next);
	const questionId = newQuestionId(next);
	const page: SurveyPage = {
		id: pageId,
		...(input.title && { title: input.title }),
		questions: [
			blankQuestion(input.question.type, {
				id: questionId,
				code: nextQuestionCode(next),
				text: input.question.text
			})
		]
	};
	next.pages.splice(insertionIndex(next), 0, page);
	return { definition: next, pageId, questionId };
}

export function updatePage(
	definition: SurveyDefinition,
	pageId: string,
	input: { title?: string; description?: string }
): SurveyDefinition {
	const next = copy(definition);
	const page = next.pages[pageIndexOf(next, pageId)]!;
	if (input.title) page.title = input.title;
	else delete page.title;
	if (input.description) page.description = input.description;
	else delete page.description;
	return next;
}

/** Names for the pages and questions that read any of these questions, outside `except`. */
function dependantNames(
	definition: SurveyDefinition,
	questionIds: ReadonlySet<string>,
	except: { pageId?: string; questionIds?: ReadonlySet<string> } = {}
): string[] {
	const reads = (condition: Condition | undefined) =>
		condition !== undefined && conditionSources(condition).some((id) => questionIds.has(id));
	const names: string[] = [];
	definition.pages.forEach((page, index) => {
		if (page.id !== except.pageId && reads(page.condition)) names.push(`page ${index + 1}`);
		for (const question of page.questions) {
			if (except.questionIds?.has(question.id) || page.id === except.pageId) continue;
			if (reads(question.condition)) names.push(`question ${question.code}`);
		}
	});
	return names;
}

function listed(names: string[]): string {
	return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function removePage(definition: SurveyDefinition, pageId: string): SurveyDefinition {
	const next = copy(definition);
	const index = pageIndexOf(next, pageId);
	if (next.pages.length === 1) throw new EditError('A survey needs at least one page');
	const page = next.pages[index]!;
	const ids = new Set(page.questions.map((q) => q.id));
	const dependants = dependantNames(next, ids, { pageId });
	if (dependants.length > 0)
		throw new EditError(
			`${capitalise(listed(dependants))} depend${dependants.length === 1 ? 's' : ''} on answers to this page. Clear those conditions first.`
		);
	next.pages.splice(index, 1);
	return next;
}

export function movePage(
	definition: SurveyDefinition,
	pageId: string,
	direction: Direction
): SurveyDefinition {
	const next = copy(definition);
	const index = pageIndexOf(next, pageId);
	const target = direction === 'up' ? index - 1 : index + 1;
	if (target < 0 || target >= next.pages.length) return next;
	const [page] = next.pages.splice(index, 1);
	next.pages.splice(target, 0, page!);
	return next;
}

export function addQuestion(
	definition: SurveyDefinition,
	pageId: string,
	input: NewQuestion
): { definition: SurveyDefinition; questionId: string } {
	const next = copy(definition);
	const page = next.pages[pageIndexOf(next, pageId)]!;
	if (page.id === EQUALITY_PAGE_ID)
		throw new EditError('Add questions to another page: this one is for equality monitoring');
	const questionId = newQuestionId(next);
	page.questions.push(
		blankQuestion(input.type, { id: questionId, code: nextQuestionCode(next), text: input.text })
	);
	return { definition: next, questionId };
}

/** What the question form can change; absent keys are left as they are. */
export type QuestionChanges = Partial<{
	text: string;
	hint: string | undefined;
	errorMessage: string | undefined;
	required: boolean;
	code: string;
	staffCanRecordRefusal: boolean;
	options: ChoiceOption[];
	notApplicable: boolean;
	maxLength: number;
	/** A number question's bounds, or a date question's earliest and latest dates (YYYY-MM-DD). */
	min: number | string | undefined;
	max: number | string | undefined;
	integer: boolean;
	rows: { value: string; label: string }[];
	scale: GridScale;
	lowLabel: string | undefined;
	highLabel: string | undefined;
}>;

/** Keys each type may take beyond the common ones; anything else in the changes is ignored. */
const TYPE_KEYS: Readonly<Record<QuestionType, readonly (keyof QuestionChanges)[]>> = {
	'single-choice': ['options', 'staffCanRecordRefusal'],
	'multiple-choice': ['options'],
	satisfaction: ['notApplicable', 'staffCanRecordRefusal'],
	agreement: ['notApplicable', 'staffCanRecordRefusal'],
	nps: ['staffCanRecordRefusal'],
	effort: ['staffCanRecordRefusal'],
	rating: ['lowLabel', 'highLabel', 'staffCanRecordRefusal'],
	'yes-no': ['staffCanRecordRefusal'],
	'short-text': ['maxLength'],
	'long-text': ['maxLength'],
	number: ['min', 'max', 'integer'],
	date: ['min', 'max'],
	grid: ['rows', 'scale']
};
const COMMON_KEYS: readonly (keyof QuestionChanges)[] = [
	'text',
	'hint',
	'errorMessage',
	'required',
	'code'
];

export function updateQuestion(
	definition: SurveyDefinition,
	questionId: string,
	changes: QuestionChanges
): SurveyDefinition {
	const next = copy(definition);
	const { page, index, question } = locate(next, questionId);
	refuseEquality(question);
	const record = { ...question } as Record<string, unknown>;
	for (const key of [...COMMON_KEYS, ...TYPE_KEYS[question.type]]) {
		if (!(key in changes)) continue;
		const value = changes[key];
		// An emptied text or code is kept, so validation can say what to enter
		if (value === undefined) delete record[key];
		else record[key] = structuredClone(value);
	}
	page.questions[index] = record as unknown as Question;
	return next;
}

export function removeQuestion(definition: SurveyDefinition, questionId: string): SurveyDefinition {
	const next = copy(definition);
	const { page, pageIndex, index, question } = locate(next, questionId);
	refuseEquality(question);
	const dependants = dependantNames(next, new Set([questionId]), {
		questionIds: new Set([questionId])
	});
	if (dependants.length > 0)
		throw new EditError(
			`${capitalise(listed(dependants))} depend${dependants.length === 1 ? 's' : ''} on the answer to ${question.code}. Clear those conditions first.`
		);
	if (page.questions.length === 1)
		throw new EditError(
			`${question.code} is the only question on page ${pageIndex + 1}. Delete the page instead, or add another question to it first.`
		);
	page.questions.splice(index, 1);
	return next;
}

/**
 * Moves a question one place within its page; from the top or bottom of a page it crosses to the
 * end of the page before or the start of the page after.
 */
export function moveQuestion(
	definition: SurveyDefinition,
	questionId: string,
	direction: Direction
): SurveyDefinition {
	const next = copy(definition);
	const { page, pageIndex, index, question } = locate(next, questionId);
	refuseEquality(question);
	const target = direction === 'up' ? index - 1 : index + 1;
	if (target >= 0 && target < page.questions.length) {
		page.questions.splice(index, 1);
		page.questions.splice(target, 0, question);
		return next;
	}
	const neighbour = next.pages[direction === 'up' ? pageIndex - 1 : pageIndex + 1];
	if (!neighbour || neighbour.id === EQUALITY_PAGE_ID) return next;
	if (page.questions.length === 1)
		throw new EditError(
			`${question.code} is the only question on page ${pageIndex + 1}, so it cannot leave it. Move the page instead.`
		);
	page.questions.splice(index, 1);
	if (direction === 'up') neighbour.questions.push(question);
	else neighbour.questions.unshift(question);
	return next;
}

export type ConditionTarget = { kind: 'question' | 'page'; id: string };

/** Sets (or with undefined, clears) when a question or a page is shown. */
export function setCondition(
	definition: SurveyDefinition,
	target: ConditionTarget,
	condition: Condition | undefined
): SurveyDefinition {
	const next = copy(definition);
	const holder: { condition?: Condition } =
		target.kind === 'page'
			? next.pages[pageIndexOf(next, target.id)]!
			: locate(next, target.id).question;
	if (target.kind === 'question') refuseEquality(holder as Question);
	if (condition === undefined) delete holder.condition;
	else holder.condition = structuredClone(condition);
	return next;
}

/** Questions a condition on the target may read: those asked before it, outside equality. */
export function conditionSourcesFor(
	definition: SurveyDefinition,
	target: ConditionTarget
): Question[] {
	const sources: Question[] = [];
	for (const page of definition.pages) {
		if (target.kind === 'page' && page.id === target.id) return sources;
		for (const question of page.questions) {
			if (target.kind === 'question' && question.id === target.id) return sources;
			if (!isEqualityQuestion(question)) sources.push(question);
		}
	}
	return sources;
}

export type ConditionOperator = 'equals' | 'one-of' | 'answered' | 'range';

const NUMBER_TYPES: readonly QuestionType[] = ['nps', 'effort', 'rating', 'number'];

/** The operators that make sense for an answer to this question, in the order to offer them. */
export function operatorsFor(source: Question): ConditionOperator[] {
	if (source.type === 'number') return ['answered', 'range'];
	if (NUMBER_TYPES.includes(source.type)) return ['equals', 'one-of', 'answered', 'range'];
	if (answerOptions(source).length > 0) return ['equals', 'one-of', 'answered'];
	return ['answered'];
}

export interface ConditionInput {
	operator: ConditionOperator;
	values: string[];
	min?: number;
	max?: number;
}

/**
 * A condition from the builder's form. Option values arrive as text; questions answered with a
 * number (NPS, effort, rating) store numbers, so their values are converted.
 */
export function buildCondition(source: Question, input: ConditionInput): Condition {
	if (!operatorsFor(source).includes(input.operator))
		throw new EditError(`That rule cannot be used with ${source.code}`, 'operator');
	const numeric = NUMBER_TYPES.includes(source.type);
	const values = input.values.map((value) => (numeric ? Number(value) : value));
	const questionId = source.id;
	switch (input.operator) {
		case 'answered':
			return { type: 'answered', questionId };
		case 'range':
			return {
				type: 'range',
				questionId,
				...(input.min !== undefined && { min: input.min }),
				...(input.max !== undefined && { max: input.max })
			};
		case 'equals':
			if (values.length !== 1) throw new EditError('Choose one answer', 'values');
			return { type: 'equals', questionId, value: values[0]! };
		case 'one-of':
			if (values.length === 0) throw new EditError('Choose at least one answer', 'values');
			return { type: 'one-of', questionId, values };
	}
}

function quoted(source: Question | undefined, value: string | number): string {
	const label = source
		? answerOptions(source).find((option) => option.value === String(value))?.label
		: undefined;
	return `‘${label ?? value}’`;
}

/** A sentence for the builder's list: "Shown if Q1 is ‘Yes’". */
export function describeCondition(definition: SurveyDefinition, condition: Condition): string {
	return `Shown if ${conditionPhrase(definition, condition)}`;
}

function conditionPhrase(definition: SurveyDefinition, condition: Condition): string {
	if (condition.type === 'all' || condition.type === 'any') {
		const parts = condition.conditions.map((inner) => conditionPhrase(definition, inner));
		return `${condition.type === 'all' ? 'all' : 'any'} of: ${parts.join('; ')}`;
	}
	const source = findQuestion(definition, condition.questionId);
	const name = source?.code ?? 'a removed question';
	switch (condition.type) {
		case 'answered':
			return `${name} is answered`;
		case 'equals':
			return `${name} is ${quoted(source, condition.value)}`;
		case 'one-of':
			return `${name} is one of ${condition.values.map((v) => quoted(source, v)).join(', ')}`;
		case 'range':
			if (condition.min !== undefined && condition.max !== undefined)
				return `${name} is between ${condition.min} and ${condition.max}`;
			return condition.min !== undefined
				? `${name} is at least ${condition.min}`
				: `${name} is at most ${condition.max}`;
	}
}

function valueFromLabel(label: string): string {
	return label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 64)
		.replace(/-+$/, '');
}

/**
 * Options typed one per line, as "value | label" or just the label, whose value is then made from
 * it. Blank lines are skipped. Settings the form does not show (hints, groups, "none of these")
 * are carried over from the existing option with the same value.
 */
export function parseOptionLines(
	text: string,
	existing: readonly ChoiceOption[] = []
): ChoiceOption[] {
	const lines = text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
	const explicit = lines.map((line) => {
		const bar = line.indexOf('|');
		if (bar < 0) return { label: line };
		const value = line.slice(0, bar).trim();
		const label = line.slice(bar + 1).trim();
		return OPTION_VALUE_PATTERN.test(value) ? { value, label } : { label: line };
	});
	const taken = new Set(explicit.flatMap((o) => ('value' in o ? [o.value] : [])));
	return explicit.map((line, index) => {
		let value = 'value' in line ? line.value : '';
		if (!value) {
			const base = valueFromLabel(line.label) || `option-${index + 1}`;
			value = base;
			for (let n = 2; taken.has(value); n++) value = `${base}-${n}`;
			taken.add(value);
		}
		const before = existing.find((option) => option.value === value);
		return { ...before, value, label: line.label };
	});
}

/** Options as the builder's text box shows them, so saving unchanged keeps every value. */
export function formatOptionLines(options: readonly { value: string; label: string }[]): string {
	return options.map((option) => `${option.value} | ${option.label}`).join('\n');
}

/** Choice options with the "please specify" ones set apart, as the form edits them. */
export function splitWriteIns(options: readonly ChoiceOption[]): {
	listed: ChoiceOption[];
	writeIns: ChoiceOption[];
} {
	return {
		listed: options.filter((option) => !option.writeIn),
		writeIns: options.filter((option) => option.writeIn)
	};
}

/**
 * The options to save from the form: the typed lines, then the "please specify" options kept
 * as they were, or OTHER_OPTION when "Other" is newly turned on.
 */
export function withOther(
	listed: ChoiceOption[],
	existing: readonly ChoiceOption[],
	other: boolean
): ChoiceOption[] {
	if (!other) return listed;
	const { writeIns } = splitWriteIns(existing);
	if (writeIns.length > 0) return [...listed, ...writeIns];
	const clash = listed.some((option) => option.value === OTHER_OPTION.value);
	return [...listed, clash ? { ...OTHER_OPTION, value: 'other-specify' } : { ...OTHER_OPTION }];
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
