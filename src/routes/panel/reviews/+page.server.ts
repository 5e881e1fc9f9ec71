import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { listReviews } from '$lib/server/scrutiny/reviews';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePanel(event);
	return { reviews: listReviews(getDb(), 'panel') };
};
