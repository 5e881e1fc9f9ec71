import { reportingYearOf } from '$lib/domain/calendar/reporting-year';
import { error } from '@sveltejs/kit';
import { requirePanel } from '$lib/server/auth/guard';
import { complaintsReport, reportRangeFrom } from '$lib/server/complaints/reports';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePanel(event);
	// Whole reporting years only: two overlapping date ranges would subtract to the satisfaction
	// answers of the few people in between, below the minimum group size.
	if (event.url.searchParams.get('from') || event.url.searchParams.get('to'))
		error(
			400,
			'The panel’s complaint figures are shown for a whole reporting year, not between dates: remove “from” and “to” from the address and choose a year'
		);
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
