import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { setCondition, type ConditionTarget } from '$lib/domain/survey';
import { actorOf } from '../auth/accounts';
import { requireStaff } from '../auth/guard';
import { getDb } from '../db';
import { parseForm, readForm } from '../forms/parse';
import { afterSave, applyEdit, typedValues } from './builder';
import {
	conditionEdit,
	conditionEditor,
	conditionFieldFor,
	conditionFormSchema,
	conditionTargetOr404,
	OPERATOR_NAMES
} from './builder-conditions';
import { surveyOr404 } from './staff-guard';

type Event = RequestEvent<Record<string, string>>;

/** The condition editor's load and actions, shared by a page's and a question's condition route. */
export function conditionRoute(targetOf: (params: Record<string, string>) => ConditionTarget) {
	const anchor = (target: ConditionTarget) => `${target.kind}-${target.id}`;
	return {
		load(event: Event) {
			requireStaff(event);
			const { survey, version } = surveyOr404(getDb(), event.params.id ?? '');
			const target = targetOf(event.params);
			return {
				survey: { id: survey.id, title: survey.title },
				target,
				operatorNames: OPERATOR_NAMES,
				editor: conditionEditor(version.definition, target, event.url.searchParams.get('source'))
			};
		},
		async set(event: Event) {
			const user = requireStaff(event);
			const { survey, version } = surveyOr404(getDb(), event.params.id ?? '');
			const target = targetOf(event.params);
			conditionTargetOr404(version.definition, target);
			const form = await readForm(event.request);
			const parsed = parseForm(conditionFormSchema, form);
			if (!parsed.ok) return fail(400, { errors: parsed.errors, values: typedValues(form) });
			const result = applyEdit(
				getDb(),
				actorOf(user),
				survey.id,
				conditionEdit(target, parsed.data),
				{
					fallback: 'operator',
					fieldFor: conditionFieldFor
				}
			);
			if (!result.ok) return fail(400, { errors: result.errors, values: typedValues(form) });
			redirect(303, afterSave(survey.id, result.outcome, anchor(target)));
		},
		clear(event: Event) {
			const user = requireStaff(event);
			const { survey, version } = surveyOr404(getDb(), event.params.id ?? '');
			const target = targetOf(event.params);
			conditionTargetOr404(version.definition, target);
			const edit = (d: Parameters<typeof setCondition>[0]) => setCondition(d, target, undefined);
			const result = applyEdit(getDb(), actorOf(user), survey.id, edit, { fallback: 'source' });
			if (!result.ok) return fail(400, { errors: result.errors, values: {} });
			redirect(303, afterSave(survey.id, result.outcome, anchor(target)));
		}
	};
}
