import { and, count, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import {
	reportingYear,
	reportingYearOf,
	type ReportingYear
} from '$lib/domain/calendar/reporting-year';
import { npsFromScoreCounts, type NpsResult } from '$lib/domain/nps';
import { allQuestions } from '$lib/domain/survey/types';
import { tsmMeasureFromCounts, type TsmMeasureResult } from '$lib/domain/tsm';
import { complaintsReport, type ReportRange } from '../complaints/reports';
import type { Db } from '../db';
import { answer, response, survey, surveyVersion } from '../db/schema';
import { suppressionFor } from '../results/report';
import { tallyTsm } from '../results/tsm-counts';

export type ScorecardAudience = 'staff' | 'panel';

/** One figure of the scorecard for one year, with what it rests on. */
export type ScorecardFigure = {
	/** Unrounded; null when there is nothing to count, or when the panel may not see it. */
	value: number | null;
	/** What the figure rests on: valid answers, or numerator and denominator. */
	n?: number;
	numerator?: number;
	denominator?: number;
	/** True when the panel's minimum group size hides it. */
	suppressed?: boolean;
};

export type ScorecardRow = {
	key: string;
	label: string;
	/** How the figure is written: a percentage, an NPS, a rate per 1,000 homes or a count. */
	unit: 'percent' | 'nps' | 'per-1000' | 'count';
	/** Which way is better, to read the change by. */
	better: 'higher' | 'lower';
	definition: string;
	current: ScorecardFigure;
	previous: ScorecardFigure;
};

const rangeOf = (year: ReportingYear): ReportRange => ({
	label: `Reporting year ${year.label}`,
	from: year.start,
	to: year.end,
	firstDay: year.firstDay,
	lastDay: year.lastDay,
	year
});

const submittedWithin = (year: ReportingYear) =>
	and(
		eq(response.status, 'submitted'),
		gte(response.submittedAt, year.start),
		lte(response.submittedAt, year.end)
	);

/** TP01 for one population over every TSM perception survey answered in the year, unweighted. */
function overallSatisfaction(db: Db, year: ReportingYear) {
	const tsmSurveys = db
		.select({ id: survey.id })
		.from(survey)
		.where(eq(survey.templateKey, 'tsm-perception'))
		.all()
		.map((s) => s.id);
	const where = and(submittedWithin(year), inArray(response.surveyId, tsmSurveys))!;
	const tally = tsmSurveys.length ? tallyTsm(db, where) : { LCRA: {}, LCHO: {} };
	const of = (population: 'LCRA' | 'LCHO'): TsmMeasureResult =>
		tsmMeasureFromCounts(
			'TP01',
			population,
			[...(tally[population].TP01?.values() ?? [])][0] ?? { satisfied: 0, valid: 0 }
		);
	return { LCRA: of('LCRA'), LCHO: of('LCHO') };
}

/**
 * NPS over every answer to an NPS question of any survey in the year: the organisation's one
 * figure for "would you recommend us". Only whole scores 0–10 count.
 */
function netPromoterScore(db: Db, year: ReportingYear): { result: NpsResult; surveys: string[] } {
	const versions = db
		.select({
			surveyId: surveyVersion.surveyId,
			title: survey.title,
			definition: surveyVersion.definition
		})
		.from(surveyVersion)
		.innerJoin(survey, eq(survey.id, surveyVersion.surveyId))
		.where(ne(survey.status, 'draft'))
		.all();
	const questions = new Map<number, { title: string; ids: Set<string> }>();
	for (const v of versions)
		for (const q of allQuestions(v.definition))
			if (q.type === 'nps') {
				const entry = questions.get(v.surveyId) ?? { title: v.title, ids: new Set() };
				entry.ids.add(q.id);
				questions.set(v.surveyId, entry);
			}
	const counts = Array.from({ length: 11 }, () => 0);
	const surveys: string[] = [];
	const score = sql<unknown>`json_extract(${answer.value}, '$.value')`;
	for (const [surveyId, { title, ids }] of questions) {
		const rows = db
			.select({ score, n: count() })
			.from(answer)
			.innerJoin(response, eq(response.id, answer.responseId))
			.where(
				and(
					submittedWithin(year),
					eq(response.surveyId, surveyId),
					inArray(answer.questionId, [...ids]),
					sql`json_extract(${answer.value}, '$.type') = 'number'`
				)
			)
			.groupBy(score)
			.all();
		let any = false;
		for (const row of rows)
			if (
				typeof row.score === 'number' &&
				Number.isInteger(row.score) &&
				row.score >= 0 &&
				row.score <= 10
			) {
				counts[row.score]! += row.n;
				any = true;
			}
		if (any) surveys.push(title);
	}
	return {
		result: npsFromScoreCounts(counts),
		surveys: surveys.sort((a, b) => a.localeCompare(b))
	};
}

function yearFigures(db: Db, year: ReportingYear, k: number | null, now: Date) {
	const hide = (value: number | null, n: number): ScorecardFigure =>
		k !== null && n > 0 && n < k ? { value: null, suppressed: true } : { value, n };
	const tp01 = overallSatisfaction(db, year);
	const nps = netPromoterScore(db, year);
	const complaints = complaintsReport(db, rangeOf(year), k === null ? 'staff' : 'panel', now);
	const ratio = (r: { value: number | null; numerator: number; denominator: number }) => ({
		value: r.value,
		numerator: r.numerator,
		denominator: r.denominator
	});
	const [stage1, stage2] = complaints.perStage as [
		(typeof complaints.perStage)[number],
		(typeof complaints.perStage)[number]
	];
	const fcr = complaints.firstContact;
	return {
		npsSurveys: nps.surveys,
		homes: complaints.homes,
		figures: {
			'tp01-lcra': hide(tp01.LCRA.percent, tp01.LCRA.n),
			'tp01-lcho': hide(tp01.LCHO.percent, tp01.LCHO.n),
			nps: hide(nps.result.n === 0 ? null : nps.result.score, nps.result.n),
			'ch01-1': ratio(stage1.ch01),
			'ch01-2': ratio(stage2.ch01),
			'ch02-1': ratio(stage1.ch02),
			'ch02-2': ratio(stage2.ch02),
			fcr: {
				value: fcr.denominator === 0 ? null : (100 * fcr.numerator) / fcr.denominator,
				numerator: fcr.numerator,
				denominator: fcr.denominator
			},
			compliments: { value: complaints.compliments }
		} satisfies Record<string, ScorecardFigure>
	};
}

const ROWS: Omit<ScorecardRow, 'current' | 'previous'>[] = [
	{
		key: 'tp01-lcra',
		label: 'Overall satisfaction: renting (TP01, LCRA)',
		unit: 'percent',
		better: 'higher',
		definition:
			'Very or fairly satisfied with the service overall, of valid answers to the Tenant Satisfaction Measures survey in the year. Unweighted; the survey’s TSM report gives the weighted figure.'
	},
	{
		key: 'tp01-lcho',
		label: 'Overall satisfaction: shared ownership (TP01, LCHO)',
		unit: 'percent',
		better: 'higher',
		definition: 'As above, for low-cost home ownership. Never pooled with renting.'
	},
	{
		key: 'nps',
		label: 'Net Promoter Score',
		unit: 'nps',
		better: 'higher',
		definition:
			'Promoters (9–10) less detractors (0–6), as a share of everyone answering “how likely are you to recommend us” in any survey in the year.'
	},
	{
		key: 'ch01-1',
		label: 'Stage 1 complaints per 1,000 homes (CH01)',
		unit: 'per-1000',
		better: 'lower',
		definition: 'Stage 1 complaints received in the year ÷ relevant homes × 1,000.'
	},
	{
		key: 'ch01-2',
		label: 'Stage 2 complaints per 1,000 homes (CH01)',
		unit: 'per-1000',
		better: 'lower',
		definition: 'Stage 2 complaints received in the year ÷ relevant homes × 1,000.'
	},
	{
		key: 'ch02-1',
		label: 'Stage 1 complaints answered on time (CH02)',
		unit: 'percent',
		better: 'higher',
		definition:
			'Stage 1 responses in the year within the Complaint Handling Code timescales (or an allowed extension) ÷ stage 1 responses in the year.'
	},
	{
		key: 'ch02-2',
		label: 'Stage 2 complaints answered on time (CH02)',
		unit: 'percent',
		better: 'higher',
		definition: 'As above, for stage 2.'
	},
	{
		key: 'fcr',
		label: 'Contacts resolved at first contact',
		unit: 'percent',
		better: 'higher',
		definition:
			'Contacts received in the year that were resolved at first contact ÷ contacts where it was recorded. A complaint always counts as not resolved at first contact.'
	},
	{
		key: 'compliments',
		label: 'Compliments received',
		unit: 'count',
		better: 'higher',
		definition: 'Contacts of kind compliment received in the year.'
	}
];

/**
 * The customer-care scorecard for the board and the tenants' committee: one reporting year beside
 * the one before. Every figure comes from the same calculations as the TSM, NPS and complaints
 * reports. The panel sees a survey figure only when it rests on at least the minimum group size.
 */
export function customerCareScorecard(
	db: Db,
	startYear: number,
	audience: ScorecardAudience,
	now = new Date()
) {
	const k = audience === 'panel' ? suppressionFor(db).k : null;
	const year = reportingYear(startYear);
	const previousYear = reportingYear(startYear - 1);
	const current = yearFigures(db, year, k, now);
	const previous = yearFigures(db, previousYear, k, now);
	const rows: ScorecardRow[] = ROWS.map((row) => ({
		...row,
		current: current.figures[row.key as keyof typeof current.figures],
		previous: previous.figures[row.key as keyof typeof previous.figures]
	}));
	return {
		year,
		previousYear,
		/** The year after, once it has begun. */
		nextYear: reportingYearOf(now).startYear > startYear ? startYear + 1 : null,
		homes: current.homes,
		npsSurveys: current.npsSurveys,
		minimumGroupSize: k,
		rows
	};
}
