import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { londonDate } from '$lib/domain/calendar/london-date';
import { standardsReport } from '$lib/server/standards/service-standards';
import { scorecardYear } from '$lib/server/standards/year-param';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireStaff(event);
	const now = new Date();
	const startYear = scorecardYear(event.url.searchParams, now);
	return {
		startYear,
		today: londonDate(now),
		canEdit: user.role === 'admin',
		standards: standardsReport(getDb(), startYear, { which: 'all', now })
	};
};
