import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { getOrganisation } from '$lib/server/settings';
import { customerCareScorecard } from '$lib/server/standards/scorecard';
import { scorecardStandards } from '$lib/server/standards/service-standards';
import { scorecardYear } from '$lib/server/standards/year-param';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireStaff(event);
	const db = getDb();
	const year = scorecardYear(event.url.searchParams);
	return {
		organisation: getOrganisation(db).name,
		scorecard: customerCareScorecard(db, year, user.role === 'admin' ? 'admin' : 'staff'),
		standards: scorecardStandards(db, year, user.role === 'admin' ? 'admin' : 'staff')
	};
};
