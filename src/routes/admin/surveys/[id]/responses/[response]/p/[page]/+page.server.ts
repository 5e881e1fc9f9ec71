import { error, fail, redirect } from '@sveltejs/kit';
import { rawFromFormData } from '$lib/domain/survey';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { savePage } from '$lib/server/surveys/responding';
import { addressAfterSave, pageView } from '$lib/server/surveys/respondent';
import { staffResponseOr404 } from '$lib/server/surveys/staff-guard';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms/parse';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const context = staffResponseOr404(db, event.params.id, event.params.response);
	if (context.response.status === 'submitted') error(409, 'These answers have already been sent');
	const base = `/admin/surveys/${event.params.id}/responses/${event.params.response}`;
	const returnTo = event.url.searchParams.get('return') === 'check' ? 'check' : null;
	const view = pageView(db, context, event.params.page, base, { returnToCheck: returnTo !== null });
	return {
		surveyTitle: context.survey.title,
		channel: context.response.channel,
		...view,
		returnTo,
		backHref: returnTo
			? `${base}/check`
			: view.previousPageId
				? `${base}/p/${view.previousPageId}`
				: `/admin/surveys/${event.params.id}`
	};
};

export const actions: Actions = {
	default: async (event) => {
		requireStaff(event);
		const db = getDb();
		const context = staffResponseOr404(db, event.params.id, event.params.response);
		if (context.response.status === 'submitted') error(409, 'These answers have already been sent');
		const form = await readForm(event.request);
		const raw = rawFromFormData(form);
		const result = await savePage(db, context, event.params.page, raw, { enteredByStaff: true });
		const base = `/admin/surveys/${event.params.id}/responses/${event.params.response}`;
		switch (result.outcome) {
			case 'unexpected':
				error(
					400,
					'This form could not be saved: it holds answers to questions that are not on this page.'
				);
			// falls through: error throws
			case 'invalid':
				return fail(400, { errors: result.errors, values: raw });
			case 'hidden':
			case 'saved':
				redirect(
					303,
					`${base}/${addressAfterSave(context, event.params.page, result, {
						returnToCheck: form.get('returnTo') === 'check',
						enteredByStaff: true
					})}`
				);
		}
	}
};
