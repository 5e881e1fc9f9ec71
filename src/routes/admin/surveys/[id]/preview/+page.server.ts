import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const { survey, version } = surveyOr404(getDb(), event.params.id);
	return {
		survey: { id: survey.id, title: survey.title, description: survey.description },
		definition: version.definition
	};
};
