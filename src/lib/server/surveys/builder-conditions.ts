import { error } from '@sveltejs/kit';
import { z } from 'zod';
import {
	answerOptions,
	buildCondition,
	conditionSourcesFor,
	describeCondition,
	EditError,
	EQUALITY_PAGE_ID,
	operatorsFor,
	setCondition,
	type Condition,
	type ConditionOperator,
	type ConditionTarget,
	type SurveyDefinition
} from '$lib/domain/survey';
import { editableQuestionOr404, optionalNumber, type Edit, type FieldFor } from './builder';

export const conditionFormSchema = z.object({
	source: z.string({ error: 'Choose the earlier question it depends on' }).min(1, {
		error: 'Choose the earlier question it depends on'
	}),
	operator: z.enum(['equals', 'one-of', 'answered', 'range'], { error: 'Choose a rule' }),
	values: z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : [v].flat())),
	min: optionalNumber('lowest number'),
	max: optionalNumber('highest number')
});

/** The edit a condition form asks for, checked against the questions asked before the target. */
export function conditionEdit(
	target: ConditionTarget,
	form: z.output<typeof conditionFormSchema>
): Edit {
	return (definition) => {
		const source = conditionSourcesFor(definition, target).find((q) => q.id === form.source);
		if (!source) throw new EditError('Choose a question asked before this one', 'source');
		if (form.operator === 'range' && form.min === undefined && form.max === undefined)
			throw new EditError('Enter the lowest number, the highest number, or both', 'min');
		const condition = buildCondition(source, {
			operator: form.operator,
			values: form.values,
			min: form.min,
			max: form.max
		});
		return setCondition(definition, target, condition);
	};
}

/** Problems with a condition go next to the part of the rule they are about. */
export const conditionFieldFor: FieldFor = (path) => {
	const at = path.lastIndexOf('condition');
	if (at < 0) return undefined;
	const key = path[at + 1];
	if (key === 'questionId') return 'source';
	if (key === 'value' || key === 'values') return 'values';
	if (key === 'min' || key === 'max') return key;
	return 'operator';
};

/** The question or page a condition is set on, or 404; equality questions go as a block. */
export function conditionTargetOr404(
	definition: SurveyDefinition,
	target: ConditionTarget
): { label: string; condition?: Condition } {
	if (target.kind === 'question') {
		const question = editableQuestionOr404(definition, target.id);
		return { label: `question ${question.code}`, condition: question.condition };
	}
	const index = definition.pages.findIndex((p) => p.id === target.id);
	const page = definition.pages[index];
	if (!page || page.id === EQUALITY_PAGE_ID) error(404, 'Page not found');
	return { label: `page ${index + 1}`, condition: page.condition };
}

/**
 * What the condition form shows. Without JavaScript it works in two steps: choosing the earlier
 * question reloads the page (a GET with ?source=) to offer that question's rules and answers.
 */
export function conditionEditor(
	definition: SurveyDefinition,
	target: ConditionTarget,
	requestedSource: string | null
) {
	const { label, condition } = conditionTargetOr404(definition, target);
	const simple =
		condition && condition.type !== 'all' && condition.type !== 'any' ? condition : undefined;
	const sources = conditionSourcesFor(definition, target);
	const sourceId = requestedSource ?? simple?.questionId ?? '';
	const source = sources.find((q) => q.id === sourceId);
	const sameSource = simple !== undefined && simple.questionId === source?.id;
	const chosen =
		!sameSource || !simple
			? []
			: simple.type === 'equals'
				? [simple.value]
				: simple.type === 'one-of'
					? simple.values
					: [];
	return {
		label,
		summary: condition ? describeCondition(definition, condition) : '',
		sources: sources.map((q) => ({ id: q.id, label: `${q.code}: ${q.text}` })),
		source: source && {
			id: source.id,
			code: source.code,
			text: source.text,
			operators: operatorsFor(source),
			options: answerOptions(source).map(({ value, label }) => ({ value, label }))
		},
		values: {
			source: source?.id ?? '',
			operator: sameSource ? (simple?.type ?? '') : '',
			values: chosen.map(String).join(', '),
			min: sameSource && simple?.type === 'range' ? String(simple.min ?? '') : '',
			max: sameSource && simple?.type === 'range' ? String(simple.max ?? '') : ''
		} as Record<string, string>
	};
}

export const OPERATOR_NAMES: Readonly<Record<ConditionOperator, string>> = {
	equals: 'Is this answer',
	'one-of': 'Is one of these answers',
	answered: 'Is answered (any answer)',
	range: 'Is a number in this range'
};
