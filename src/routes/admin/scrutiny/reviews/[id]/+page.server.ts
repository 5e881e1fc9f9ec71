import { londonDate } from '$lib/domain/calendar/london-date';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { reviewOr404 } from '$lib/server/scrutiny/reviews';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	return {
		review: reviewOr404(getDb(), event.params.id, 'staff'),
		today: londonDate(new Date())
	};
};
