import { error } from '@sveltejs/kit';
import { publishedConsultationsOfSurvey } from '$lib/server/consultations/public';
import { getDb } from '$lib/server/db';
import { respondentContext } from '$lib/server/surveys/respondent';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const context = respondentContext(db, params.slug, params.token, { allowSubmitted: true });
	if (context.response.status !== 'submitted') error(404, 'Page not found');
	return {
		surveyTitle: context.survey.title,
		reference: context.response.reference,
		consultations: publishedConsultationsOfSurvey(db, context.survey.id)
	};
};
