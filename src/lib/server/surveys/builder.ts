import { error } from '@sveltejs/kit';
import { z } from 'zod';
import {
	describeCondition,
	EditError,
	findQuestion,
	formatOptionLines,
	hasEqualityMonitoring,
	parseDefinition,
	parseOptionLines,
	QUESTION_TYPE_NAMES,
	QUESTION_TYPES,
	SINGLE_PICK_TYPES,
	splitWriteIns,
	withOther,
	type DefinitionIssue,
	type Question,
	type QuestionChanges,
	type SurveyDefinition
} from '$lib/domain/survey';
import type { Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { keptValues, requiredText, type FieldErrors } from '../forms/parse';
import {
	countResponses,
	currentVersion,
	DefinitionError,
	saveDefinition,
	SurveyError,
	type DefinitionSaveResult
} from './surveys';

export type Edit = (definition: SurveyDefinition) => SurveyDefinition;

/** Turns a problem's path in the edited definition into the form field it belongs next to. */
export type FieldFor = (
	path: DefinitionIssue['path'],
	next: SurveyDefinition
) => string | undefined;

export type EditResult =
	{ ok: true; outcome: DefinitionSaveResult } | { ok: false; errors: FieldErrors };

/**
 * The one way the builder changes a survey: the edit is applied to the current version and the
 * result saved by saveDefinition, so validation and the versioning rules live in one place. The
 * read and the save share a transaction, so two people editing at once cannot lose a change.
 */
export function applyEdit(
	db: Db,
	actor: Actor,
	surveyId: number,
	edit: Edit,
	{ fallback, fieldFor }: { fallback: string; fieldFor?: FieldFor }
): EditResult {
	const refused = (messages: string[], field = fallback): EditResult => ({
		ok: false,
		errors: { [field]: messages.join('. ') }
	});
	try {
		return writeTransaction(db, (tx) => {
			const version = currentVersion(tx, surveyId);
			if (!version) throw new SurveyError('That survey no longer exists');
			const next = edit(version.definition);
			const parsed = parseDefinition(next);
			if (!parsed.ok) {
				const errors: FieldErrors = {};
				for (const issue of parsed.issues) {
					const field = fieldFor?.(issue.path, next) ?? fallback;
					errors[field] ??= issue.message;
				}
				return { ok: false, errors };
			}
			return { ok: true, outcome: saveDefinition(tx, actor, surveyId, parsed.definition) };
		});
	} catch (e) {
		if (e instanceof DefinitionError) return refused(e.problems);
		if (e instanceof EditError) return refused([e.message], e.field);
		if (e instanceof SurveyError) return refused([e.message]);
		throw e;
	}
}

/** Where the builder goes after a save, saying what happened to the version. */
export function afterSave(surveyId: number, outcome: DefinitionSaveResult, anchor = ''): string {
	const query = `outcome=${outcome.outcome}&version=${outcome.versionNumber}`;
	return `/admin/surveys/${surveyId}/edit?${query}${anchor ? `#${anchor}` : ''}`;
}

/** Everything the builder's list shows. */
export function builderOverview(db: Db, surveyId: number) {
	const version = currentVersion(db, surveyId);
	if (!version) throw new SurveyError('That survey no longer exists');
	const definition = version.definition;
	return {
		versionNumber: version.number,
		answered: countResponses(db, version.id) > 0,
		hasEquality: hasEqualityMonitoring(definition),
		pages: definition.pages.map((page) => ({
			id: page.id,
			title: page.title ?? '',
			condition: page.condition ? describeCondition(definition, page.condition) : '',
			equality: page.questions.every((q) => q.equalityMonitoring),
			questions: page.questions.map((q) => ({
				id: q.id,
				code: q.code,
				type: QUESTION_TYPE_NAMES[q.type],
				text: q.text,
				required: q.required,
				locked: q.locked === true,
				equality: q.equalityMonitoring === true,
				condition: q.condition ? describeCondition(definition, q.condition) : ''
			}))
		}))
	};
}

export const directionSchema = z.object({
	id: z.string().min(1),
	direction: z.enum(['up', 'down'])
});

export const targetSchema = z.object({ id: z.string().min(1) });

export const newQuestionSchema = z.object({
	type: z.enum(QUESTION_TYPES, { error: 'Select the type of question' }),
	text: requiredText('the question', 1000)
});

export const newPageSchema = newQuestionSchema.extend({
	title: z.string().trim().max(200, 'The page title must be 200 characters or fewer').optional()
});

export const pageFormSchema = z.object({
	title: z.string().trim().max(200, 'The page title must be 200 characters or fewer'),
	description: z.string().trim().max(2000, 'The introduction must be 2,000 characters or fewer')
});

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'yes');

export const optionalNumber = (what: string) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return undefined;
			const n = Number(v.replace(/,/g, ''));
			if (!Number.isFinite(n)) {
				ctx.addIssue({ code: 'custom', message: `The ${what} must be a number, like 5` });
				return z.NEVER;
			}
			return n;
		});

const optionalText = z
	.string()
	.trim()
	.optional()
	.transform((v) => v || undefined);

const optionalDay = (label: string) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return undefined;
			if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
				ctx.addIssue({
					code: 'custom',
					message: `Enter the ${label} as YYYY-MM-DD, like 2026-12-01`
				});
				return z.NEVER;
			}
			return v;
		});

export const questionFormSchema = z.object({
	text: z.string().optional(),
	hint: z.string().optional(),
	errorMessage: z.string().optional(),
	staffCanRecordRefusal: checkbox,
	earliest: optionalDay('earliest date'),
	latest: optionalDay('latest date'),
	code: z.string().trim().optional(),
	required: z.enum(['yes', 'no'], { error: 'Select whether an answer is required' }),
	options: z.string().optional(),
	other: checkbox,
	notApplicable: checkbox,
	maxLength: optionalNumber('maximum length'),
	min: optionalNumber('lowest number'),
	max: optionalNumber('highest number'),
	integer: checkbox,
	rows: z.string().optional(),
	scale: z.enum(['satisfaction', 'agreement', 'options']).optional(),
	scaleOptions: z.string().optional(),
	lowLabel: optionalText,
	highLabel: optionalText
});

/**
 * The changes the question form asks for. Text and hint are only taken when posted: a locked
 * question's form shows them read-only, so a post that carries them is trying to change them.
 */
export function questionChanges(
	question: Question,
	form: z.output<typeof questionFormSchema>
): QuestionChanges {
	const changes: QuestionChanges = { required: form.required === 'yes' };
	if (form.text !== undefined) changes.text = form.text.trim();
	if (form.hint !== undefined) changes.hint = form.hint.trim() || undefined;
	if (form.errorMessage !== undefined) changes.errorMessage = form.errorMessage.trim() || undefined;
	if (form.code !== undefined) changes.code = form.code;
	// A locked (regulated) question keeps the answers and refusal the reference gives it; its form
	// shows neither, so nothing is taken from fields it does not have.
	if (question.locked) return changes;
	if (SINGLE_PICK_TYPES.includes(question.type))
		changes.staffCanRecordRefusal = form.staffCanRecordRefusal;
	switch (question.type) {
		case 'single-choice':
		case 'multiple-choice': {
			const listed = parseOptionLines(form.options ?? '', splitWriteIns(question.options).listed);
			changes.options = withOther(listed, question.options, form.other);
			break;
		}
		case 'satisfaction':
		case 'agreement':
			changes.notApplicable = form.notApplicable;
			break;
		case 'short-text':
		case 'long-text':
			if (form.maxLength !== undefined) changes.maxLength = form.maxLength;
			break;
		case 'number':
			Object.assign(changes, { min: form.min, max: form.max, integer: form.integer });
			break;
		case 'rating':
			Object.assign(changes, { lowLabel: form.lowLabel, highLabel: form.highLabel });
			break;
		case 'date':
			Object.assign(changes, { min: form.earliest, max: form.latest });
			break;
		case 'grid': {
			changes.rows = parseOptionLines(form.rows ?? '', question.rows).map(({ value, label }) => ({
				value,
				label
			}));
			const type = form.scale ?? question.scale.type;
			const kept = question.scale.type === 'options' ? question.scale.options : [];
			changes.scale =
				type === 'options'
					? { type, options: parseOptionLines(form.scaleOptions ?? '', kept) }
					: { type, notApplicable: form.notApplicable };
			break;
		}
		default:
			break;
	}
	return changes;
}

const QUESTION_FIELDS = new Set([
	'text',
	'hint',
	'errorMessage',
	'staffCanRecordRefusal',
	'code',
	'required',
	'options',
	'notApplicable',
	'maxLength',
	'min',
	'max',
	'integer',
	'rows',
	'lowLabel',
	'highLabel'
]);

/** Problems with the edited question go next to their field; anything else to the fallback. */
export function questionFieldFor(questionId: string): FieldFor {
	return (path, next) => {
		const [pages, pageIndex, questions, index, key, inner] = path;
		if (pages !== 'pages' || questions !== 'questions') return undefined;
		const question = next.pages[Number(pageIndex)]?.questions[Number(index)];
		if (question?.id !== questionId || typeof key !== 'string') return undefined;
		if (key === 'scale') return inner === 'options' ? 'scaleOptions' : 'scale';
		if (question.type === 'date' && (key === 'min' || key === 'max'))
			return key === 'min' ? 'earliest' : 'latest';
		return QUESTION_FIELDS.has(key) ? key : undefined;
	};
}

/** The field a question's form should point at when a problem has no better place. */
export function mainQuestionField(question: Question): string {
	if (question.type === 'single-choice' || question.type === 'multiple-choice') return 'options';
	if (question.type === 'grid') return 'rows';
	return 'text';
}

/** A question of the current version the builder may edit, or 404 (equality ones go as a block). */
export function editableQuestionOr404(definition: SurveyDefinition, questionId: string): Question {
	const question = findQuestion(definition, questionId);
	if (!question || question.equalityMonitoring) error(404, 'Page not found');
	return question;
}

/** What the question form shows before anything is typed. */
export function questionFormValues(question: Question): Record<string, string> {
	const values: Record<string, string> = {
		text: question.text,
		hint: question.hint ?? '',
		errorMessage: question.errorMessage ?? '',
		code: question.code,
		required: question.required ? 'yes' : 'no'
	};
	const yes = (flag: boolean | undefined) => (flag ? 'yes' : '');
	values.staffCanRecordRefusal = yes(question.staffCanRecordRefusal);
	switch (question.type) {
		case 'single-choice':
		case 'multiple-choice': {
			const { listed, writeIns } = splitWriteIns(question.options);
			values.options = formatOptionLines(listed);
			values.other = yes(writeIns.length > 0);
			break;
		}
		case 'satisfaction':
		case 'agreement':
			values.notApplicable = yes(question.notApplicable);
			break;
		case 'short-text':
		case 'long-text':
			values.maxLength = String(question.maxLength);
			break;
		case 'number':
			values.min = question.min === undefined ? '' : String(question.min);
			values.max = question.max === undefined ? '' : String(question.max);
			values.integer = yes(question.integer);
			break;
		case 'rating':
			values.lowLabel = question.lowLabel ?? '';
			values.highLabel = question.highLabel ?? '';
			break;
		case 'date':
			values.earliest = question.min ?? '';
			values.latest = question.max ?? '';
			break;
		case 'grid':
			values.rows = formatOptionLines(question.rows);
			values.scale = question.scale.type;
			values.notApplicable = yes(question.scale.type !== 'options' && question.scale.notApplicable);
			values.scaleOptions =
				question.scale.type === 'options' ? formatOptionLines(question.scale.options) : '';
			break;
		default:
			break;
	}
	return values;
}

/** What was typed, to show again beside the problems. */
export function typedValues(form: FormData): Record<string, string> {
	const raw: Record<string, string[]> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string') (raw[key] ??= []).push(value);
	}
	return keptValues(raw);
}
