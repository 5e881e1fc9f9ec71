import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { loadResultsPage } from '$lib/server/results/page-data';
import { panelSurveyOr404 } from '$lib/server/results/report';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePanel(event);
	const db = getDb();
	const { survey, version } = panelSurveyOr404(db, event.params.id);
	// An admin opening the panel's view sees exactly what the panel sees.
	return loadResultsPage(db, survey, version, event.url, 'panel');
};
