import { reportingYearOf } from '$lib/domain/calendar/reporting-year';
import { requireStaff } from '$lib/server/auth/guard';
import { complaintsReport, reportRangeFrom } from '$lib/server/complaints/reports';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const range = reportRangeFrom(event.url.searchParams);
	const thisYear = reportingYearOf(new Date()).startYear;
	return {
		report: complaintsReport(getDb(), range, 'staff'),
		years: Array.from({ length: 6 }, (_, i) => thisYear - i)
	};
};
