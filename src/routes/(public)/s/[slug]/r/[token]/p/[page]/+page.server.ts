import { error, fail, redirect } from '@sveltejs/kit';
import { rawFromFormData } from '$lib/domain/survey';
import { getDb } from '$lib/server/db';
import { enforcePublicFormLimit } from '$lib/server/http/rate-limit';
import { discardResponse, HONEYPOT_FIELD, savePage } from '$lib/server/surveys/responding';
import { pageAfter, pageView, respondentContext } from '$lib/server/surveys/respondent';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	const db = getDb();
	const context = respondentContext(db, params.slug, params.token);
	const view = pageView(db, context, params.page);
	const base = `/s/${params.slug}/r/${params.token}`;
	return {
		surveyTitle: context.survey.title,
		...view,
		returnTo: url.searchParams.get('return') === 'check' ? 'check' : null,
		backHref: view.previousPageId ? `${base}/p/${view.previousPageId}` : `/s/${params.slug}`
	};
};

export const actions: Actions = {
	default: async ({ params, request, getClientAddress }) => {
		const db = getDb();
		await enforcePublicFormLimit(getClientAddress());
		const context = respondentContext(db, params.slug, params.token);
		const form = await request.formData();
		const base = `/s/${params.slug}/r/${params.token}`;
		if (String(form.get(HONEYPOT_FIELD) ?? '') !== '') {
			discardResponse(db, context.response.id);
			redirect(303, '/survey-thanks');
		}
		const raw = rawFromFormData(form);
		const result = await savePage(db, context, params.page, raw);
		if (!result.ok) {
			if (result.unexpected)
				error(400, 'This form could not be saved. Go back to the survey link and try again.');
			return fail(400, { errors: result.errors, values: raw });
		}
		const next =
			form.get('returnTo') === 'check' ? null : pageAfter(context, params.page, result.answers);
		redirect(303, next ? `${base}/p/${next}` : `${base}/check`);
	}
};
