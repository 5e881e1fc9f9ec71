import { fail, redirect } from '@sveltejs/kit';
import { updatePage } from '$lib/domain/survey';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import { afterSave, applyEdit, pageFormSchema, typedValues } from '$lib/server/surveys/builder';
import { conditionTargetOr404 } from '$lib/server/surveys/builder-conditions';
import { countResponses } from '$lib/server/surveys/surveys';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const { survey, version } = surveyOr404(getDb(), event.params.id);
	const target = { kind: 'page', id: event.params.page } as const;
	const { label } = conditionTargetOr404(version.definition, target);
	const page = version.definition.pages.find((p) => p.id === target.id)!;
	return {
		survey: { id: survey.id, title: survey.title },
		page: { id: page.id, label },
		answered: countResponses(getDb(), version.id) > 0,
		values: { title: page.title ?? '', description: page.description ?? '' }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireStaff(event);
		const { survey, version } = surveyOr404(getDb(), event.params.id);
		const pageId = event.params.page;
		conditionTargetOr404(version.definition, { kind: 'page', id: pageId });
		const form = await readForm(event.request);
		const parsed = parseForm(pageFormSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = applyEdit(
			getDb(),
			actorOf(user),
			survey.id,
			(d) => updatePage(d, pageId, parsed.data),
			{
				fallback: 'title',
				fieldFor: (path) => (path.at(-1) === 'description' ? 'description' : 'title')
			}
		);
		if (!result.ok) return fail(400, { errors: result.errors, values: typedValues(form) });
		redirect(303, afterSave(survey.id, result.outcome, `page-${pageId}`));
	}
};
