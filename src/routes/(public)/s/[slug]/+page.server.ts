import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { enforcePublicFormLimit } from '$lib/server/http/rate-limit';
import { startResponse } from '$lib/server/surveys/responding';
import { firstPageId, publicSurvey } from '$lib/server/surveys/respondent';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const { survey, version } = publicSurvey(getDb(), params.slug);
	return {
		survey: {
			title: survey.title,
			description: survey.description,
			anonymous: survey.anonymity === 'anonymous',
			closesAt: survey.closesAt
		},
		pageCount: version.definition.pages.length
	};
};

export const actions: Actions = {
	default: async ({ params, getClientAddress }) => {
		const db = getDb();
		await enforcePublicFormLimit(getClientAddress());
		const target = publicSurvey(db, params.slug);
		const { token } = startResponse(db, target);
		redirect(303, `/s/${params.slug}/r/${token}/p/${firstPageId(target)}`);
	}
};
