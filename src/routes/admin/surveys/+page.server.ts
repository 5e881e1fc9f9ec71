import { fail, redirect } from '@sveltejs/kit';
import { SURVEY_TEMPLATES } from '$lib/domain/survey';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import { createSurvey, createSurveySchema, listSurveys } from '$lib/server/surveys/surveys';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	return {
		surveys: listSurveys(getDb()),
		templates: SURVEY_TEMPLATES.map((t) => ({ key: t.key, name: t.name, summary: t.summary }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireStaff(event);
		const parsed = parseForm(createSurveySchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const created = createSurvey(getDb(), actorOf(user), parsed.data);
		redirect(303, `/admin/surveys/${created.id}`);
	}
};
