import { reportingYearOf } from '$lib/domain/calendar/reporting-year';
import { requirePanel } from '$lib/server/auth/guard';
import { complaintsReport, reportRangeFrom } from '$lib/server/complaints/reports';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePanel(event);
	const thisYear = reportingYearOf(new Date()).startYear;
	const { satisfaction, perStage, homes, range, preset } = complaintsReport(
		getDb(),
		reportRangeFrom(event.url.searchParams),
		'panel'
	);
	// Only aggregates leave the server: no learning notes, names or free text.
	return {
		report: { satisfaction, perStage, homes, range, preset },
		years: Array.from({ length: 6 }, (_, i) => thisYear - i)
	};
};
