import { reportingYearOf } from '$lib/domain/calendar/reporting-year';

/** The reporting year a page asks for (?year=2025 is 2025/26); this year when absent or odd. */
export function scorecardYear(params: URLSearchParams, now = new Date()): number {
	const asked = params.get('year');
	const current = reportingYearOf(now).startYear;
	if (!asked || !/^\d{4}$/.test(asked)) return current;
	const year = Number(asked);
	return year >= 2000 && year <= current ? year : current;
}
