import { error, fail, redirect } from '@sveltejs/kit';
import { rawFromFormData } from '$lib/domain/survey';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms/parse';
import { enforcePublicFormLimit } from '$lib/server/http/rate-limit';
import { discardResponse, HONEYPOT_FIELD, savePage } from '$lib/server/surveys/responding';
import { addressAfterSave, pageView, respondentContext } from '$lib/server/surveys/respondent';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	const db = getDb();
	const context = respondentContext(db, params.slug, params.token);
	const base = `/s/${params.slug}/r/${params.token}`;
	const returnTo = url.searchParams.get('return') === 'check' ? 'check' : null;
	const view = pageView(db, context, params.page, base, { returnToCheck: returnTo !== null });
	return {
		surveyTitle: context.survey.title,
		...view,
		returnTo,
		// No way back to the start page from the first question: starting there again would begin a
		// new, empty response. The answers so far are saved either way.
		backHref: returnTo
			? `${base}/check`
			: view.previousPageId
				? `${base}/p/${view.previousPageId}`
				: null
	};
};

export const actions: Actions = {
	default: async ({ params, request, getClientAddress }) => {
		const db = getDb();
		await enforcePublicFormLimit(getClientAddress());
		const context = respondentContext(db, params.slug, params.token);
		const form = await readForm(request);
		const base = `/s/${params.slug}/r/${params.token}`;
		if (String(form.get(HONEYPOT_FIELD) ?? '') !== '') {
			discardResponse(db, context.response.id);
			redirect(303, '/survey-thanks');
		}
		const raw = rawFromFormData(form);
		const result = await savePage(db, context, params.page, raw);
		switch (result.outcome) {
			case 'unexpected':
				error(400, 'This form could not be saved. Go back to the survey link and try again.');
			// falls through: error throws
			case 'invalid':
				return fail(400, { errors: result.errors, values: raw });
			case 'hidden':
			case 'saved':
				redirect(
					303,
					`${base}/${addressAfterSave(context, params.page, result, {
						returnToCheck: form.get('returnTo') === 'check'
					})}`
				);
		}
	}
};
