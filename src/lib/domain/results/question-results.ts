/**
 * Turns one question's answer counts (counted in SQL) into the distribution shown in a table and
 * chart, and into the question's measure where it has one (reference/measures.md): NPS with its
 * interval, CSAT, agreement top-two-box, customer effort, or a 1–10 rating out of 100.
 */

import { npsFromScoreCounts, type NpsResult } from '../nps';
import {
	agreementTopTwoBox,
	csat,
	customerEffortScore,
	ratingOutOf100,
	type CustomerEffortResult,
	type PercentResult,
	type RatingResult
} from '../satisfaction';
import {
	answerOptions,
	gridScaleOptions,
	NOT_APPLICABLE_OPTION,
	REFUSED_OPTION,
	type Question
} from '../survey';

/** Answer value → how many gave it; a staff-recorded refusal is counted under "_refused". */
export type ValueCounts = Readonly<Record<string, number>>;

export interface DistributionRow {
	value: string;
	label: string;
	n: number;
	/** Of everyone who answered the question (or grid row); null when nobody did. */
	percent: number | null;
}

export type QuestionMeasure =
	| { kind: 'nps'; result: NpsResult }
	| { kind: 'csat'; result: PercentResult }
	| { kind: 'agreement'; result: PercentResult }
	| { kind: 'effort'; result: CustomerEffortResult }
	| { kind: 'rating'; result: RatingResult };

export interface GridRowResult {
	value: string;
	label: string;
	answered: number;
	rows: DistributionRow[];
}

export interface QuestionResult {
	id: string;
	code: string;
	text: string;
	type: Question['type'];
	/** Everyone with an answer to it, refusals and "not applicable" included. */
	answered: number;
	/** The base of the measure (valid answers), or `answered` when the question has no measure. */
	valid: number;
	rows: DistributionRow[];
	grid: GridRowResult[];
	measure: QuestionMeasure | null;
}

const count = (counts: ValueCounts, value: string) => counts[value] ?? 0;
const sum = (counts: ValueCounts) => Object.values(counts).reduce((total, n) => total + n, 0);

function distribution(
	options: readonly { value: string; label: string }[],
	counts: ValueCounts,
	total = sum(counts)
): DistributionRow[] {
	const listed = new Set(options.map((option) => option.value));
	// Values from an earlier version of the question still count, under their stored value.
	const extra = Object.keys(counts)
		.filter((value) => !listed.has(value) && value !== REFUSED_OPTION.value)
		.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
		.map((value) => ({ value, label: value }));
	const rows = [...options, ...extra];
	if (count(counts, REFUSED_OPTION.value) > 0 && !listed.has(REFUSED_OPTION.value))
		rows.push(REFUSED_OPTION);
	return rows.map(({ value, label }) => ({
		value,
		label,
		n: count(counts, value),
		percent: total === 0 ? null : (100 * count(counts, value)) / total
	}));
}

function scaleCounts(counts: ValueCounts, from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, index) => count(counts, String(from + index)));
}

const outsideBase = (counts: ValueCounts) =>
	count(counts, NOT_APPLICABLE_OPTION.value) + count(counts, REFUSED_OPTION.value);

/** The measure a question type carries, from its counts; null for questions without one. */
export function measureOf(question: Question, counts: ValueCounts): QuestionMeasure | null {
	switch (question.type) {
		case 'nps':
			return { kind: 'nps', result: npsFromScoreCounts(scaleCounts(counts, 0, 10)) };
		case 'satisfaction':
			return {
				kind: 'csat',
				result: csat({
					verySatisfied: count(counts, 'very-satisfied'),
					fairlySatisfied: count(counts, 'fairly-satisfied'),
					neither: count(counts, 'neither'),
					fairlyDissatisfied: count(counts, 'fairly-dissatisfied'),
					veryDissatisfied: count(counts, 'very-dissatisfied'),
					notApplicableOrDontKnow: outsideBase(counts)
				})
			};
		case 'agreement':
			return {
				kind: 'agreement',
				result: agreementTopTwoBox({
					stronglyAgree: count(counts, 'strongly-agree'),
					agree: count(counts, 'agree'),
					neither: count(counts, 'neither'),
					disagree: count(counts, 'disagree'),
					stronglyDisagree: count(counts, 'strongly-disagree'),
					notApplicableOrDontKnow: outsideBase(counts)
				})
			};
		case 'effort':
			return {
				kind: 'effort',
				result: customerEffortScore(scaleCounts(counts, 1, 7), outsideBase(counts))
			};
		case 'rating':
			return {
				kind: 'rating',
				result: ratingOutOf100(scaleCounts(counts, 1, 10), outsideBase(counts))
			};
		default:
			return null;
	}
}

/** The number of valid answers behind a measure: the n shown beside it. */
export function measureBase(measure: QuestionMeasure): number {
	return measure.result.n;
}

/**
 * `respondents` is how many answered the question at all; it is needed where one answer holds
 * several values (multiple choice, where percentages are of people, so they can add up to more
 * than 100) or none that are counted (free text).
 */
export function summariseQuestion(
	question: Question,
	counts: ValueCounts,
	{
		gridCounts = {},
		respondents
	}: { gridCounts?: Readonly<Record<string, ValueCounts>>; respondents?: number } = {}
): QuestionResult {
	const measure = measureOf(question, counts);
	const grid: GridRowResult[] =
		question.type === 'grid'
			? question.rows.map((row) => {
					const rowCounts = gridCounts[row.value] ?? {};
					return {
						value: row.value,
						label: row.label,
						answered: sum(rowCounts),
						rows: distribution(gridScaleOptions(question.scale), rowCounts)
					};
				})
			: [];
	const answered =
		respondents ??
		(question.type === 'grid' ? Math.max(0, ...grid.map((r) => r.answered)) : sum(counts));
	return {
		id: question.id,
		code: question.code,
		text: question.text,
		type: question.type,
		answered,
		valid: measure ? measureBase(measure) : answered,
		rows: question.type === 'grid' ? [] : distribution(answerOptions(question), counts, answered),
		grid,
		measure
	};
}
