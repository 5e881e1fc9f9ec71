/**
 * Validation of a whole survey definition, as the survey builder saves it. Messages are written for
 * the staff member building the survey, and each issue's path points at the field to fix.
 */

import { z } from 'zod';
import { NUMBER_LIMIT } from './answers';
import { conditionSources } from './conditions';
import { answerOptions, EFFORT_RANGE, NPS_RANGE, RATING_RANGE } from './scales';
import {
	CODE_PATTERN,
	EQUALITY_CODE_PREFIX,
	ID_PATTERN,
	LONG_TEXT_MAX_LENGTH,
	OPTION_VALUE_PATTERN,
	SHORT_TEXT_MAX_LENGTH,
	SINGLE_PICK_TYPES
} from './types';
import type { ChoiceOption, Condition, Question, SurveyDefinition } from './types';

export const MAX_PAGES = 100;
export const MAX_QUESTIONS = 500;
export const MAX_OPTIONS = 100;

function requiredText(what: string, max: number) {
	return z
		.string()
		.trim()
		.min(1, `Enter the ${what}`)
		.max(max, `The ${what} must be ${max} characters or fewer`);
}

function optionalText(what: string, max: number) {
	return z
		.string()
		.trim()
		.max(max, `The ${what} must be ${max} characters or fewer`)
		.optional()
		.transform((text) => (text === '' ? undefined : text));
}

const idSchema = z
	.string()
	.regex(ID_PATTERN, 'IDs can only use letters, numbers, hyphens and underscores (up to 64)');

const codeSchema = z
	.string()
	.trim()
	.regex(
		CODE_PATTERN,
		'Question codes must start with a letter and use only letters, numbers and underscores (up to 32), for example TP01'
	);

const optionValueSchema = z
	.string()
	.trim()
	.regex(
		OPTION_VALUE_PATTERN,
		'Option codes must start with a letter or number and use only letters, numbers, hyphens and underscores'
	);

const isoDateSchema = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter dates as YYYY-MM-DD')
	.refine(isRealDate, 'Enter a real date');

function isRealDate(iso: string): boolean {
	const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

const optionSchema = z.object({
	value: optionValueSchema,
	label: requiredText('option text', 300),
	hint: optionalText('option hint', 500),
	writeIn: z.boolean().optional(),
	exclusive: z.boolean().optional(),
	group: optionalText('option group heading', 200)
});

const sourceId = z.string().min(1, 'Choose the question this depends on');

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
	z.discriminatedUnion('type', [
		z.object({
			type: z.literal('equals'),
			questionId: sourceId,
			value: z.union([z.string(), z.number()])
		}),
		z.object({
			type: z.literal('one-of'),
			questionId: sourceId,
			values: z.array(z.union([z.string(), z.number()])).min(1, 'Choose at least one answer')
		}),
		z.object({ type: z.literal('answered'), questionId: sourceId }),
		z.object({
			type: z.literal('range'),
			questionId: sourceId,
			min: z.number().optional(),
			max: z.number().optional()
		}),
		z.object({
			type: z.literal('all'),
			conditions: z.array(conditionSchema).min(1, 'Add at least one rule')
		}),
		z.object({
			type: z.literal('any'),
			conditions: z.array(conditionSchema).min(1, 'Add at least one rule')
		})
	])
);

const questionBase = {
	id: idSchema,
	code: codeSchema,
	text: requiredText('question', 1000),
	hint: optionalText('hint', 1000),
	errorMessage: optionalText('error message', 300),
	required: z.boolean(),
	condition: conditionSchema.optional(),
	locked: z.boolean().optional(),
	staffCanRecordRefusal: z.boolean().optional(),
	equalityMonitoring: z.boolean().optional(),
	specialCategory: z.boolean().optional()
};

const optionsSchema = z
	.array(optionSchema)
	.max(MAX_OPTIONS, `Use no more than ${MAX_OPTIONS} options`);

const maxLengthSchema = (limit: number) =>
	z
		.number()
		.int('The maximum length must be a whole number')
		.min(1, 'The maximum length must be at least 1 character')
		.max(limit, `The maximum length can be no more than ${limit} characters`);

const questionSchema = z.discriminatedUnion('type', [
	z.object({ ...questionBase, type: z.literal('single-choice'), options: optionsSchema }),
	z.object({
		...questionBase,
		type: z.literal('multiple-choice'),
		options: optionsSchema,
		maxSelections: z.number().int('Enter a whole number').optional()
	}),
	z.object({ ...questionBase, type: z.literal('satisfaction'), notApplicable: z.boolean() }),
	z.object({ ...questionBase, type: z.literal('agreement'), notApplicable: z.boolean() }),
	z.object({ ...questionBase, type: z.literal('nps') }),
	z.object({ ...questionBase, type: z.literal('effort') }),
	z.object({
		...questionBase,
		type: z.literal('rating'),
		lowLabel: optionalText('label for 1', 100),
		highLabel: optionalText('label for 10', 100)
	}),
	z.object({ ...questionBase, type: z.literal('yes-no') }),
	z.object({
		...questionBase,
		type: z.literal('short-text'),
		maxLength: maxLengthSchema(SHORT_TEXT_MAX_LENGTH)
	}),
	z.object({
		...questionBase,
		type: z.literal('long-text'),
		maxLength: maxLengthSchema(LONG_TEXT_MAX_LENGTH)
	}),
	z.object({
		...questionBase,
		type: z.literal('number'),
		min: z.number().optional(),
		max: z.number().optional(),
		integer: z.boolean()
	}),
	z.object({
		...questionBase,
		type: z.literal('date'),
		min: isoDateSchema.optional(),
		max: isoDateSchema.optional()
	}),
	z.object({
		...questionBase,
		type: z.literal('grid'),
		rows: z
			.array(z.object({ value: optionValueSchema, label: requiredText('row text', 300) }))
			.max(MAX_OPTIONS, `Use no more than ${MAX_OPTIONS} rows`),
		scale: z.discriminatedUnion('type', [
			z.object({ type: z.literal('satisfaction'), notApplicable: z.boolean() }),
			z.object({ type: z.literal('agreement'), notApplicable: z.boolean() }),
			z.object({ type: z.literal('options'), options: optionsSchema })
		])
	})
]);

const pageSchema = z.object({
	id: idSchema,
	title: optionalText('page title', 200),
	description: optionalText('page introduction', 2000),
	condition: conditionSchema.optional(),
	questions: z.array(questionSchema)
});

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

interface Located {
	question: Question;
	pageIndex: number;
	index: number;
}

function questionName(question: Question, pageIndex: number, index: number, capital = true) {
	const word = capital ? 'Question' : 'question';
	return CODE_PATTERN.test(question.code)
		? `${word} ${question.code}`
		: `${word} ${index + 1} on page ${pageIndex + 1}`;
}

function checkChoiceList(
	options: readonly ChoiceOption[],
	path: Path,
	report: Report,
	{ minimum, noun }: { minimum: number; noun: 'option' | 'answer' | 'row' }
): void {
	if (options.length < minimum) {
		report(path, `Add at least ${minimum} ${noun}${minimum === 1 ? '' : 's'}`);
	}
	const values = new Set<string>();
	const labels = new Set<string>();
	options.forEach((option, index) => {
		if (values.has(option.value)) {
			report(
				[...path, index, 'value'],
				`The ${noun} code ‘${option.value}’ is used more than once`
			);
		}
		const label = option.label.trim().toLowerCase();
		if (labels.has(label)) {
			report([...path, index, 'label'], `The ${noun} ‘${option.label}’ is listed more than once`);
		}
		values.add(option.value);
		labels.add(label);
	});
}

function checkQuestion(question: Question, path: Path, name: string, report: Report): void {
	switch (question.type) {
		case 'single-choice':
		case 'multiple-choice': {
			const single = question.type === 'single-choice';
			checkChoiceList(question.options, [...path, 'options'], report, {
				minimum: single ? 2 : 1,
				noun: 'option'
			});
			const exclusive = question.options.filter((option) => option.exclusive);
			if (single && exclusive.length > 0) {
				report(
					[...path, 'options'],
					`${name}: only checkbox questions can have an option that rules out the others`
				);
			}
			if (exclusive.length > 1) {
				report([...path, 'options'], `${name}: only one option can rule out the others`);
			}
			if (question.type === 'multiple-choice' && question.maxSelections !== undefined) {
				const most = question.options.length;
				if (question.maxSelections < 1 || question.maxSelections > most) {
					report(
						[...path, 'maxSelections'],
						`The most answers a person can choose must be between 1 and ${most}`
					);
				}
			}
			break;
		}
		case 'grid': {
			checkChoiceList(question.rows, [...path, 'rows'], report, { minimum: 1, noun: 'row' });
			if (question.scale.type === 'options') {
				const options = question.scale.options;
				checkChoiceList(options, [...path, 'scale', 'options'], report, {
					minimum: 2,
					noun: 'answer'
				});
				if (options.some((option) => option.writeIn || option.exclusive)) {
					report(
						[...path, 'scale', 'options'],
						`${name}: grid answers cannot have a ‘please specify’ box or rule out other answers`
					);
				}
			}
			break;
		}
		case 'number': {
			for (const bound of ['min', 'max'] as const) {
				const value = question[bound];
				if (value === undefined) continue;
				if (Math.abs(value) > NUMBER_LIMIT) {
					report([...path, bound], `Use a number between −1,000,000,000,000 and 1,000,000,000,000`);
				} else if (question.integer && !Number.isInteger(value)) {
					report([...path, bound], 'Answers are whole numbers, so use a whole number here');
				}
			}
			if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
				report([...path, 'max'], 'The highest number must be the same as or more than the lowest');
			}
			break;
		}
		case 'date':
			if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
				report([...path, 'max'], 'The latest date must be the same as or after the earliest date');
			}
			break;
		default:
			break;
	}
	if (question.staffCanRecordRefusal && !SINGLE_PICK_TYPES.includes(question.type)) {
		report(
			[...path, 'staffCanRecordRefusal'],
			`${name}: ‘don't know / refused’ can only be recorded for questions answered by choosing one option`
		);
	}
	const equalityCode = question.code.toUpperCase().startsWith(EQUALITY_CODE_PREFIX);
	if (question.equalityMonitoring && !equalityCode) {
		report(
			[...path, 'code'],
			`Equality monitoring question codes must start with ${EQUALITY_CODE_PREFIX}`
		);
	}
	if (!question.equalityMonitoring && equalityCode) {
		report(
			[...path, 'code'],
			`Codes starting ${EQUALITY_CODE_PREFIX} are kept for equality monitoring questions`
		);
	}
	if (question.equalityMonitoring && question.required) {
		report([...path, 'required'], `${name}: equality monitoring questions must be optional`);
	}
	if (question.specialCategory && !question.equalityMonitoring) {
		report(
			[...path, 'specialCategory'],
			`${name}: only equality monitoring questions can be marked as special category data`
		);
	}
}

const NUMBER_SOURCES: readonly Question['type'][] = ['nps', 'effort', 'rating', 'number'];
const OPTION_SOURCES: readonly Question['type'][] = [
	'single-choice',
	'multiple-choice',
	'satisfaction',
	'agreement',
	'yes-no'
];

function numberAccepted(source: Question, value: number): boolean {
	switch (source.type) {
		case 'nps':
			return Number.isInteger(value) && value >= NPS_RANGE.min && value <= NPS_RANGE.max;
		case 'effort':
			return Number.isInteger(value) && value >= EFFORT_RANGE.min && value <= EFFORT_RANGE.max;
		case 'rating':
			return Number.isInteger(value) && value >= RATING_RANGE.min && value <= RATING_RANGE.max;
		case 'number':
			return (
				(!source.integer || Number.isInteger(value)) &&
				(source.min === undefined || value >= source.min) &&
				(source.max === undefined || value <= source.max)
			);
		default:
			return false;
	}
}

interface ConditionScope {
	/** The thing whose condition it is, for messages: "Question TP02" or "Page 3". */
	subject: string;
	forPage: boolean;
	selfId?: string;
	equality: boolean;
	before: ReadonlySet<string>;
	located: ReadonlyMap<string, Located>;
}

function checkCondition(condition: Condition, path: Path, scope: ConditionScope, report: Report) {
	if (condition.type === 'all' || condition.type === 'any') {
		condition.conditions.forEach((inner, index) =>
			checkCondition(inner, [...path, 'conditions', index], scope, report)
		);
		return;
	}
	const { subject } = scope;
	const at = [...path, 'questionId'];
	const found = scope.located.get(condition.questionId);
	if (found === undefined) {
		report(at, `${subject} depends on a question that is not in this survey`);
		return;
	}
	const source = found.question;
	const sourceName = questionName(source, found.pageIndex, found.index, false);
	if (condition.questionId === scope.selfId) {
		report(at, `${subject} cannot depend on its own answer`);
		return;
	}
	if (!scope.before.has(condition.questionId)) {
		report(
			at,
			scope.forPage
				? `${subject} depends on ${sourceName}, which is not on an earlier page. A page can only depend on questions on earlier pages.`
				: `${subject} depends on ${sourceName}, which comes after it. A question can only depend on questions before it.`
		);
		return;
	}
	if (source.equalityMonitoring && !scope.equality) {
		report(
			at,
			`${subject} cannot depend on an equality monitoring question: those answers are kept apart from the survey`
		);
		return;
	}
	if (condition.type === 'answered') return;
	if (condition.type === 'range') {
		if (!NUMBER_SOURCES.includes(source.type)) {
			report(
				at,
				`${subject}: a number range can only be used with a question answered with a number`
			);
		} else if (condition.min === undefined && condition.max === undefined) {
			report(path, `${subject}: enter the lowest number, the highest number, or both`);
		} else if (
			condition.min !== undefined &&
			condition.max !== undefined &&
			condition.min > condition.max
		) {
			report(
				[...path, 'max'],
				`${subject}: the highest number must be the same as or more than the lowest`
			);
		}
		return;
	}
	const values = condition.type === 'equals' ? [condition.value] : condition.values;
	const valuesPath = condition.type === 'equals' ? [...path, 'value'] : [...path, 'values'];
	if (OPTION_SOURCES.includes(source.type)) {
		const offered = answerOptions(source).map((option) => option.value);
		for (const value of values) {
			if (typeof value !== 'string' || !offered.includes(value)) {
				report(
					valuesPath,
					`${subject} depends on the answer ‘${value}’, which ${sourceName} does not offer`
				);
			}
		}
	} else if (NUMBER_SOURCES.includes(source.type)) {
		for (const value of values) {
			if (typeof value !== 'number' || !numberAccepted(source, value)) {
				report(
					valuesPath,
					`${subject} depends on the answer ‘${value}’, which ${sourceName} cannot be given`
				);
			}
		}
	} else {
		report(
			at,
			`${subject} can only depend on whether ${sourceName} was answered, not on its answer`
		);
	}
}

function checkDefinition(definition: SurveyDefinition, report: Report): void {
	const located = new Map<string, Located>();
	const pageIds = new Set<string>();
	const codes = new Set<string>();
	let count = 0;
	definition.pages.forEach((page, pageIndex) => {
		if (pageIds.has(page.id)) {
			report(['pages', pageIndex, 'id'], `Page ID ‘${page.id}’ is used more than once`);
		}
		pageIds.add(page.id);
		if (page.questions.length === 0) {
			report(
				['pages', pageIndex, 'questions'],
				`Page ${pageIndex + 1} has no questions. Add a question or remove the page.`
			);
		}
		page.questions.forEach((question, index) => {
			count++;
			const path = ['pages', pageIndex, 'questions', index];
			if (located.has(question.id)) {
				report([...path, 'id'], `Question ID ‘${question.id}’ is used more than once`);
			} else {
				located.set(question.id, { question, pageIndex, index });
			}
			const code = question.code.toUpperCase();
			if (codes.has(code)) {
				report(
					[...path, 'code'],
					`The question code ${question.code} is used more than once. Give each question its own code.`
				);
			}
			codes.add(code);
			checkQuestion(question, path, questionName(question, pageIndex, index), report);
		});
	});
	if (count > MAX_QUESTIONS) report(['pages'], `Use no more than ${MAX_QUESTIONS} questions`);

	const before = new Set<string>();
	definition.pages.forEach((page, pageIndex) => {
		if (page.condition) {
			checkCondition(
				page.condition,
				['pages', pageIndex, 'condition'],
				{
					subject: `Page ${pageIndex + 1}`,
					forPage: true,
					equality: page.questions.length > 0 && page.questions.every((q) => q.equalityMonitoring),
					before,
					located
				},
				report
			);
		}
		page.questions.forEach((question, index) => {
			if (question.condition) {
				checkCondition(
					question.condition,
					['pages', pageIndex, 'questions', index, 'condition'],
					{
						subject: questionName(question, pageIndex, index),
						forPage: false,
						selfId: question.id,
						equality: question.equalityMonitoring === true,
						before,
						located
					},
					report
				);
			}
			before.add(question.id);
		});
	});
}

export const surveyDefinitionSchema: z.ZodType<SurveyDefinition> = z
	.object({
		pages: z
			.array(pageSchema)
			.min(1, 'Add at least one page')
			.max(MAX_PAGES, `Use no more than ${MAX_PAGES} pages`)
	})
	.superRefine((definition, ctx) => {
		checkDefinition(definition, (path, message) => ctx.addIssue({ code: 'custom', message, path }));
	});

export interface DefinitionIssue {
	/** Where the problem is, e.g. ['pages', 1, 'questions', 0, 'condition', 'questionId']. */
	path: (string | number)[];
	message: string;
}

export type DefinitionCheck =
	{ ok: true; definition: SurveyDefinition } | { ok: false; issues: DefinitionIssue[] };

/** Validates a definition posted by the builder or read from storage. */
export function parseDefinition(input: unknown): DefinitionCheck {
	const result = surveyDefinitionSchema.safeParse(input);
	if (result.success) return { ok: true, definition: result.data };
	return {
		ok: false,
		issues: result.error.issues.map((issue) => ({
			path: issue.path.filter((part) => typeof part !== 'symbol'),
			message: issue.message
		}))
	};
}

/** Pages and questions whose conditions read this question: the builder warns before deleting it. */
export function dependantsOf(
	definition: SurveyDefinition,
	questionId: string
): { pageIds: string[]; questionIds: string[] } {
	const pageIds: string[] = [];
	const questionIds: string[] = [];
	for (const page of definition.pages) {
		if (page.condition && conditionSources(page.condition).includes(questionId)) {
			pageIds.push(page.id);
		}
		for (const question of page.questions) {
			if (question.condition && conditionSources(question.condition).includes(questionId)) {
				questionIds.push(question.id);
			}
		}
	}
	return { pageIds, questionIds };
}
