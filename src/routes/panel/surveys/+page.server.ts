import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { panelSurveys } from '$lib/server/results/report';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePanel(event);
	return { surveys: panelSurveys(getDb()) };
};
