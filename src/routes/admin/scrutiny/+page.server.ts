import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { listReviews, reviewsInProgress } from '$lib/server/scrutiny/reviews';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	return { reviews: listReviews(db, 'staff'), inProgress: reviewsInProgress(db) };
};
