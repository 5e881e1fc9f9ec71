import { error, fail, redirect } from '@sveltejs/kit';
import { rawFromFormData } from '$lib/domain/survey';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { savePage } from '$lib/server/surveys/responding';
import { pageAfter, pageView } from '$lib/server/surveys/respondent';
import { staffResponseOr404 } from '$lib/server/surveys/staff-guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const context = staffResponseOr404(db, event.params.id, event.params.response);
	if (context.response.status === 'submitted') error(409, 'These answers have already been sent');
	const view = pageView(db, context, event.params.page);
	const base = `/admin/surveys/${event.params.id}/responses/${event.params.response}`;
	return {
		surveyTitle: context.survey.title,
		channel: context.response.channel,
		...view,
		returnTo: event.url.searchParams.get('return') === 'check' ? 'check' : null,
		backHref: view.previousPageId
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
		const form = await event.request.formData();
		const raw = rawFromFormData(form);
		const result = await savePage(db, context, event.params.page, raw, { enteredByStaff: true });
		if (!result.ok) {
			if (result.unexpected)
				error(
					400,
					'This form could not be saved: it holds answers to questions that are not on this page.'
				);
			return fail(400, { errors: result.errors, values: raw });
		}
		const base = `/admin/surveys/${event.params.id}/responses/${event.params.response}`;
		const next =
			form.get('returnTo') === 'check'
				? null
				: pageAfter(context, event.params.page, result.answers);
		redirect(303, next ? `${base}/p/${next}` : `${base}/check`);
	}
};
