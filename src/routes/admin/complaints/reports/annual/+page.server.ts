import { requireStaff } from '$lib/server/auth/guard';
import { complaintsReport, reportRangeFrom } from '$lib/server/complaints/reports';
import { listSelfAssessment } from '$lib/server/complaints/settings';
import { getDb } from '$lib/server/db';
import { getOrganisation } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireStaff(event);
	const db = getDb();
	return {
		organisation: getOrganisation(db).name,
		report: complaintsReport(db, reportRangeFrom(event.url.searchParams), 'staff'),
		selfAssessment: listSelfAssessment(db),
		canEditSelfAssessment: user.role === 'admin'
	};
};
