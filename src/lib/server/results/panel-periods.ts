import { error } from '@sveltejs/kit';
import { and, gte, lte, max, min, type SQL } from 'drizzle-orm';
import { endOfLondonDay, londonDate, startOfLondonDay } from '$lib/domain/calendar/london-date';
import { reportingYearLabel, reportingYearOf } from '$lib/domain/calendar/reporting-year';
import { compareMeasures } from '$lib/domain/results/periods';
import { summariseQuestion, type QuestionResult } from '$lib/domain/results/question-results';
import {
	ALL_TIME,
	PERIOD_HIDING_MESSAGES,
	periodDays,
	periodHiding,
	periodLabel,
	quarterDays,
	quarterKey,
	quarterOf,
	quartersSafe,
	type PanelPeriod,
	type Quarter,
	type QuarterCount
} from '$lib/domain/results/reporting-periods';
import {
	allQuestions,
	isEqualityQuestion,
	type Question,
	type SurveyDefinition
} from '$lib/domain/survey';
import type { TsmPopulation } from '$lib/domain/tsm';
import type { Db } from '../db';
import { response } from '../db/schema';
import { countSurvey } from './counts';
import { responseConditions, type ResultsFilter } from './filters';
import { surveyResults, suppressionFor, tsmResults, type SurveyResults } from './report';
import type { Trend, TrendPoint } from './trends';

/*
 * The scrutiny panel reads results by fixed periods only: all time, one reporting year or one
 * quarter of it, chosen from a list, never between free dates. The rule that keeps a small group
 * from being worked out by subtracting one period from another is in
 * `$lib/domain/results/reporting-periods.ts`; this module counts what it needs and applies it.
 * Free `from` and `to` in a panel address are refused (HTTP 400), not snapped to a period, so a
 * panel member is never shown figures for a period other than the one they think they chose.
 */

const FREE_DATES_REFUSED =
	'The panel’s results are shown for a whole reporting year or quarter, not between dates: remove “from” and “to” from the address and choose a period from the list';

/** `?year=` on a panel results page: '' or absent is all time, '2025' is 2025/26, '2025-q1' its first quarter. */
export function parsePanelPeriod(params: URLSearchParams, now = new Date()): PanelPeriod {
	if (params.get('from') || params.get('to')) error(400, FREE_DATES_REFUSED);
	const asked = params.get('year') ?? '';
	if (asked === '') return ALL_TIME;
	const match = /^(\d{4})(?:-q([1-4]))?$/i.exec(asked);
	if (!match)
		error(
			400,
			'Choose a period from the list: a reporting year such as 2025 (for 2025/26) or one of its quarters such as 2025-q1'
		);
	const startYear = Number(match[1]);
	const current = reportingYearOf(now).startYear;
	if (startYear < 2000 || startYear > current)
		error(
			400,
			`There are no results for ${reportingYearLabel(startYear)}: choose a reporting year from 2000/01 to ${reportingYearLabel(current)}`
		);
	return match[2]
		? { kind: 'quarter', startYear, quarter: Number(match[2]) as Quarter }
		: { kind: 'year', startYear };
}

export function periodParam(period: PanelPeriod): string {
	if (period.kind === 'all') return '';
	return period.kind === 'year'
		? String(period.startYear)
		: `${period.startYear}-q${period.quarter}`;
}

interface QuarterFigures {
	startYear: number;
	quarter: Quarter;
	responses: number;
	questions: Map<string, QuestionResult>;
	tsm: Map<string, QuarterCount>;
}

/** Each quarter's own counts, under the page's other filters (service, channel, tenure, version). */
export interface PeriodPlan {
	k: number;
	quarters: QuarterFigures[];
	/** Reporting years with responses, earliest first. */
	years: number[];
}

const tsmKey = (population: TsmPopulation, code: string) => `${population}:${code}`;

function quarterWhere(where: SQL, startYear: number, quarter: Quarter): SQL {
	const { firstDay, lastDay } = quarterDays(startYear, quarter);
	return and(
		where,
		gte(response.submittedAt, startOfLondonDay(firstDay)),
		lte(response.submittedAt, endOfLondonDay(lastDay))
	)!;
}

/**
 * Counts every question and TSM measure quarter by quarter. A survey answered over two years is
 * counted eight times over a quarter of its answers each, roughly twice the cost of one page.
 */
export function periodPlan(
	db: Db,
	surveyId: number,
	filter: ResultsFilter,
	definition: SurveyDefinition
): PeriodPlan {
	const { k } = suppressionFor(db);
	const where = responseConditions(surveyId, { ...filter, from: undefined, to: undefined });
	const span = db
		.select({ first: min(response.submittedAt), last: max(response.submittedAt) })
		.from(response)
		.where(where)
		.get();
	if (!span?.first || !span.last) return { k, quarters: [], years: [] };
	const asked = allQuestions(definition).filter((q) => !isEqualityQuestion(q));
	const hasTsm = asked.some((q) => q.code === 'TP01');
	const first = quarterOf(londonDate(span.first));
	const last = quarterOf(londonDate(span.last));
	const quarters: QuarterFigures[] = [];
	for (let year = first.startYear; year <= last.startYear; year += 1)
		for (const quarter of [1, 2, 3, 4] as const) {
			if (year === first.startYear && quarter < first.quarter) continue;
			if (year === last.startYear && quarter > last.quarter) continue;
			const inQuarter = quarterWhere(where, year, quarter);
			const counts = countSurvey(db, inQuarter, asked);
			if (counts.responses === 0) continue;
			const questions = new Map(
				asked.map((question) => [
					question.id,
					summariseQuestion(question, counts.values.get(question.id) ?? {}, {
						gridCounts: counts.grid.get(question.id),
						respondents:
							question.type === 'multiple-choice'
								? (counts.respondents.get(question.id) ?? 0)
								: undefined
					})
				])
			);
			const tsm = new Map<string, QuarterCount>();
			if (hasTsm) {
				const measures = tsmResults(db, inQuarter);
				for (const population of ['LCRA', 'LCHO'] as const)
					for (const m of measures[population])
						tsm.set(tsmKey(population, m.code), { answered: m.n + m.excluded, valid: m.n });
			}
			quarters.push({ startYear: year, quarter, responses: counts.responses, questions, tsm });
		}
	return { k, quarters, years: [...new Set(quarters.map((q) => q.startYear))] };
}

function countsOf(plan: PeriodPlan, read: (q: QuarterFigures) => QuarterCount | undefined) {
	const counts = new Map<string, QuarterCount>();
	for (const q of plan.quarters) {
		const c = read(q);
		if (c) counts.set(quarterKey(q.startYear, q.quarter), c);
	}
	return counts;
}

const responseCounts = (plan: PeriodPlan) =>
	countsOf(plan, (q) => ({ answered: q.responses, valid: q.responses }));

const questionCounts = (plan: PeriodPlan, questionId: string) =>
	countsOf(plan, (q) => {
		const result = q.questions.get(questionId);
		return result && { answered: result.answered, valid: result.valid };
	});

/** Whether the year's quarters may be chosen: each quarter has no responses or at least k. */
export function quartersOffered(plan: PeriodPlan, startYear: number): boolean {
	return quartersSafe(responseCounts(plan), startYear, plan.k);
}

/** A quarter of a year whose quarters are not offered is refused, saying what to choose. */
export function requireOfferedPeriod(plan: PeriodPlan, period: PanelPeriod) {
	if (period.kind === 'quarter' && !quartersOffered(plan, period.startYear))
		error(
			400,
			`Results for ${reportingYearLabel(period.startYear)} are given for the whole year only, because in one of its quarters fewer than ${plan.k} people responded: choose the whole year instead`
		);
}

/** The list the panel chooses from: all time, then each year (latest first) with its quarters. */
export function periodOptions(plan: PeriodPlan, now = new Date()) {
	const current = reportingYearOf(now).startYear;
	const today = londonDate(now);
	const years = new Set([...plan.years, current]);
	const options = [{ value: '', label: periodLabel(ALL_TIME) }];
	for (const startYear of [...years].sort((a, b) => b - a)) {
		options.push({ value: String(startYear), label: periodLabel({ kind: 'year', startYear }) });
		if (!plan.years.includes(startYear) || !quartersOffered(plan, startYear)) continue;
		for (const quarter of [1, 2, 3, 4] as const) {
			if (quarterDays(startYear, quarter).firstDay > today) continue;
			const period: PanelPeriod = { kind: 'quarter', startYear, quarter };
			options.push({ value: periodParam(period), label: periodLabel(period) });
		}
	}
	return options;
}

/** The page's filter with the period's dates, for the queries that read from/to. */
export function withPeriod(filter: ResultsFilter, period: PanelPeriod): ResultsFilter {
	const days = periodDays(period);
	return { ...filter, from: days?.firstDay, to: days?.lastDay };
}

/**
 * The survey's results for the panel in one period: the usual minimum group size, and then every
 * question and TSM measure the period rule would let be worked out by subtraction is hidden too.
 */
export function panelSurveyResults(
	db: Db,
	surveyId: number,
	definition: SurveyDefinition,
	filter: ResultsFilter,
	period: PanelPeriod,
	plan: PeriodPlan
): SurveyResults {
	const results = surveyResults(db, surveyId, definition, withPeriod(filter, period), 'panel');
	if (results.notShownMessage) return results;
	const k = plan.k;
	const questions = results.questions.map((q) => {
		if (q.byTenureOnly || q.suppressed) return q;
		const hiding = periodHiding(period, questionCounts(plan, q.id), k);
		if (!hiding) return q;
		return {
			...q,
			rows: [],
			grid: [],
			measure: null,
			suppressed: true,
			notShownReason: PERIOD_HIDING_MESSAGES[hiding](k)
		};
	});
	const tsm = results.tsm && {
		LCRA: results.tsm.LCRA.map((m) => hideTsm(m, plan, period)),
		LCHO: results.tsm.LCHO.map((m) => hideTsm(m, plan, period))
	};
	return { ...results, questions, tsm };
}

function hideTsm<M extends { code: string; population: TsmPopulation; n: number }>(
	m: M,
	plan: PeriodPlan,
	period: PanelPeriod
): M {
	const counts = countsOf(plan, (q) => q.tsm.get(tsmKey(m.population, m.code)));
	if (m.n === 0 || !periodHiding(period, counts, plan.k)) return m;
	return {
		...m,
		n: 0,
		satisfied: 0,
		excluded: 0,
		percent: null,
		se: null,
		lower: null,
		upper: null
	};
}

/**
 * The panel's trend: the headline question quarter by quarter (never by month, which would split
 * a quarter the panel can see into parts it cannot). A year's quarters are shown only where each
 * has no answers or at least k, exactly as its quarters' own pages show them, so the trend never
 * says more than choosing each quarter would. No trend inside one quarter.
 */
export function panelTrend(
	plan: PeriodPlan,
	question: Question,
	period: PanelPeriod
): Trend | null {
	if (period.kind === 'quarter') return null;
	const years =
		period.kind === 'year' ? plan.years.filter((y) => y === period.startYear) : plan.years;
	const counts = questionCounts(plan, question.id);
	const points: TrendPoint[] = [];
	for (const startYear of years) {
		const shown = quartersSafe(counts, startYear, plan.k);
		for (const quarter of [1, 2, 3, 4] as const) {
			const figures = plan.quarters.find((q) => q.startYear === startYear && q.quarter === quarter);
			if (!figures && period.kind === 'all') continue;
			const result = figures?.questions.get(question.id);
			const n = result?.valid ?? 0;
			points.push({
				label: `${reportingYearLabel(startYear)} Q${quarter} (${quarterDays(startYear, quarter).months})`,
				n: shown ? n : 0,
				measure: shown && n > 0 ? (result?.measure ?? null) : null,
				hidden: !shown,
				mark: shown ? null : PERIOD_HIDING_MESSAGES['year-only'](plan.k).toLowerCase(),
				reason: null
			});
		}
	}
	const [previous, current] = points.slice(-2);
	const comparable = points.length >= 2 && previous && current;
	return {
		period: 'quarter',
		points,
		comparison: comparable ? compareMeasures(previous.measure, current.measure) : null,
		comparing: comparable ? [previous.label, current.label] : null
	};
}
