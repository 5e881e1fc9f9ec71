import {
	endOfLondonDay,
	londonDate,
	parseLocalDate,
	startOfLondonDay,
	type LocalDate
} from './london-date';

/** A reporting year, 1 April to 31 March, named by the calendar year it starts in. */
export interface ReportingYear {
	startYear: number;
	/** e.g. '2025/26' */
	label: string;
	/** 1 April, in London. */
	firstDay: LocalDate;
	/** 31 March of the next year, in London. */
	lastDay: LocalDate;
	/** The first instant of 1 April in London (23:00 UTC on 31 March, as April is in summer time). */
	start: Date;
	/** The last instant of 31 March in London (23:59:59.999); the next year starts 1 ms later. */
	end: Date;
}

export function reportingYearLabel(startYear: number): string {
	return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function reportingYear(startYear: number): ReportingYear {
	if (!Number.isInteger(startYear)) throw new RangeError(`Not a year: ${startYear}`);
	const firstDay = `${startYear}-04-01`;
	const lastDay = `${startYear + 1}-03-31`;
	return {
		startYear,
		label: reportingYearLabel(startYear),
		firstDay,
		lastDay,
		start: startOfLondonDay(firstDay),
		end: endOfLondonDay(lastDay)
	};
}

/** The reporting year containing an instant (by its London date) or a London date. */
export function reportingYearOf(at: Date | LocalDate): ReportingYear {
	const { year, month } = parseLocalDate(at instanceof Date ? londonDate(at) : at);
	return reportingYear(month >= 4 ? year : year - 1);
}

export function isInReportingYear(at: Date, year: ReportingYear): boolean {
	const time = at.getTime();
	return time >= year.start.getTime() && time <= year.end.getTime();
}
