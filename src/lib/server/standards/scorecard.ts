import { and, count, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import {
	reportingYear,
	reportingYearOf,
	type ReportingYear
} from '$lib/domain/calendar/reporting-year';
import { npsFromScoreCounts } from '$lib/domain/nps';
import { allQuestions } from '$lib/domain/survey/types';
import { tsmMeasureFromCounts } from '$lib/domain/tsm';
import type { ScorecardFigure, ScorecardRow } from '$lib/domain/standards/scorecard-text';
import { complaintsReport, rangeOfYear } from '../complaints/reports';
import type { Db } from '../db';
import { answer, response, survey, surveyVersion, tsmStratum } from '../db/schema';
import { suppressionFor } from '../results/report';
import { tallyTsm } from '../results/tsm-counts';
import { tsmReport } from '../results/tsm-report';

export type { ScorecardFigure, ScorecardRow };

const submittedWithin = (year: ReportingYear) =>
	and(
		eq(response.status, 'submitted'),
		gte(response.submittedAt, year.start),
		lte(response.submittedAt, year.end)
	);

/**
 * Who reads the scorecard decides what it may show, as on the results pages: admins see every
 * figure, those below the minimum group size marked; staff and the panel never see one.
 */
export type ScorecardViewer = 'admin' | 'staff' | 'panel';

/** One survey's part of a pooled figure. */
type Part<T> = { surveyId: number; title: string; n: number; counts: T };

/**
 * The surveys a pooled figure may rest on. Where small groups are hidden, a survey whose own result
 * is hidden on its own page is left out, so the pooled figure less the surveys shown elsewhere
 * cannot give it away.
 */
function shownParts<T>(parts: Part<T>[], k: number, strict: boolean) {
	const answered = parts.filter((p) => p.n > 0);
	const kept = strict ? answered.filter((p) => p.n >= k) : answered;
	return { kept, leftOut: answered.length - kept.length };
}

/**
 * TP01 for one population over the TSM perception surveys answered in the year. When one survey
 * alone carries it and that survey is weighted for the population, the figure is the weighted one
 * its TSM report publishes; pooled surveys are unweighted.
 */
function overallSatisfaction(db: Db, year: ReportingYear, k: number, strict: boolean) {
	const tsmSurveys = db.select().from(survey).where(eq(survey.templateKey, 'tsm-perception')).all();
	// One tally per survey serves both populations.
	const tallies = tsmSurveys.map((s) => ({
		survey: s,
		tally: tallyTsm(db, and(submittedWithin(year), eq(response.surveyId, s.id))!)
	}));
	return {
		LCRA: satisfactionOf(db, year, tallies, 'LCRA', k, strict),
		LCHO: satisfactionOf(db, year, tallies, 'LCHO', k, strict)
	};
}

function satisfactionOf(
	db: Db,
	year: ReportingYear,
	tallies: { survey: typeof survey.$inferSelect; tally: ReturnType<typeof tallyTsm> }[],
	population: 'LCRA' | 'LCHO',
	k: number,
	strict: boolean
) {
	const parts: Part<{ satisfied: number; valid: number }>[] = tallies.map(
		({ survey: s, tally }) => {
			const counts = [...(tally[population].TP01?.values() ?? [])][0] ?? { satisfied: 0, valid: 0 };
			return { surveyId: s.id, title: s.title, n: counts.valid, counts };
		}
	);
	const { kept, leftOut } = shownParts(parts, k, strict);
	const only =
		kept.length === 1 ? tallies.find((t) => t.survey.id === kept[0]!.surveyId)!.survey : null;
	const weightedBy = only
		? db
				.select({ id: tsmStratum.id })
				.from(tsmStratum)
				.where(and(eq(tsmStratum.surveyId, only.id), eq(tsmStratum.population, population)))
				.get()
		: undefined;
	if (only && weightedBy) {
		const report = tsmReport(db, only, { from: year.firstDay, to: year.lastDay });
		const weighted = report.populations.find((p) => p.population === population)?.weighted;
		const measure = weighted?.find((m) => m.code === 'TP01');
		if (measure) return { measure, weighted: true, leftOut };
	}
	const pooled = kept.reduce(
		(sum, p) => ({
			satisfied: sum.satisfied + p.counts.satisfied,
			valid: sum.valid + p.counts.valid
		}),
		{ satisfied: 0, valid: 0 }
	);
	return { measure: tsmMeasureFromCounts('TP01', population, pooled), weighted: false, leftOut };
}

/**
 * NPS over the answers to NPS questions of the surveys opened to answers, in the year: the
 * organisation's one figure for "would you recommend us". Only whole scores 0–10 count.
 */
function netPromoterScore(db: Db, year: ReportingYear, k: number, strict: boolean) {
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
	const score = sql<unknown>`json_extract(${answer.value}, '$.value')`;
	const parts: Part<number[]>[] = [...questions].map(([surveyId, { title, ids }]) => {
		const counts = Array.from({ length: 11 }, () => 0);
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
		for (const row of rows)
			if (
				typeof row.score === 'number' &&
				Number.isInteger(row.score) &&
				row.score >= 0 &&
				row.score <= 10
			)
				counts[row.score]! += row.n;
		return { surveyId, title, n: counts.reduce((a, b) => a + b, 0), counts };
	});
	const { kept, leftOut } = shownParts(parts, k, strict);
	const pooled = Array.from({ length: 11 }, (_, s) => kept.reduce((t, p) => t + p.counts[s]!, 0));
	return {
		result: npsFromScoreCounts(pooled),
		surveys: kept.map((p) => p.title).sort((a, b) => a.localeCompare(b)),
		leftOut
	};
}

function yearFigures(db: Db, year: ReportingYear, viewer: ScorecardViewer, k: number, now: Date) {
	const strict = viewer !== 'admin';
	// Nothing left once small surveys are left out reads as hidden, never as "none in the year".
	const figure = (value: number | null, n: number, extra: Partial<ScorecardFigure> = {}) =>
		(n > 0 && n < k) || (strict && n === 0 && (extra.leftOut ?? 0) > 0)
			? strict
				? { value: null, suppressed: true }
				: { value, n, belowMinimum: true, ...extra }
			: { value, n, ...extra };
	const { LCRA: lcra, LCHO: lcho } = overallSatisfaction(db, year, k, strict);
	const nps = netPromoterScore(db, year, k, strict);
	const complaints = complaintsReport(
		db,
		rangeOfYear(year),
		viewer === 'panel' ? 'panel' : 'staff',
		now
	);
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
	const tp01 = (r: typeof lcra) =>
		figure(r.measure.percent, r.measure.n, {
			...(r.weighted ? { weighted: true } : {}),
			...(r.leftOut ? { leftOut: r.leftOut } : {})
		});
	return {
		npsSurveys: nps.surveys,
		homes: complaints.homes,
		figures: {
			'tp01-lcra': tp01(lcra),
			'tp01-lcho': tp01(lcho),
			nps: figure(nps.result.n === 0 ? null : nps.result.score, nps.result.n, {
				...(nps.leftOut ? { leftOut: nps.leftOut } : {})
			}),
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
			'Very or fairly satisfied with the service overall, of valid answers to the Tenant Satisfaction Measures survey in the year. Where one survey carries it and is weighted, its weighted figure, as its TSM report publishes; several surveys are pooled unweighted.'
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
	viewer: ScorecardViewer,
	now = new Date()
) {
	const k = suppressionFor(db).k;
	const year = reportingYear(startYear);
	const previousYear = reportingYear(startYear - 1);
	const current = yearFigures(db, year, viewer, k, now);
	const previous = yearFigures(db, previousYear, viewer, k, now);
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
		viewer,
		minimumGroupSize: k,
		rows
	};
}
