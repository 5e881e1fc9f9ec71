import { measureOf, type QuestionMeasure } from '$lib/domain/results/question-results';
import { suppressCells, SUPPRESSION_LABELS, type SuppressionReason } from '$lib/domain/suppression';
import { equalityQuestions, answerOptions, type Question } from '$lib/domain/survey';
import type { Db } from '../db';
import { listServices } from '../settings';
import { countByGroup, equalityCodes, type Dimension } from './counts';
import { responseConditions, type ResultsFilter } from './filters';
import { suppressionFor, type Viewer } from './report';

export const NOT_STATED = 'Not stated';

export interface BreakdownRow {
	label: string;
	n: number;
	measure: QuestionMeasure | null;
	/** Not shown to this viewer. */
	hidden: boolean;
	/** Why the panel and the public do not see it; shown to admins as a mark. */
	mark: string | null;
	reason: SuppressionReason | null;
}

export interface Breakdown {
	dimension: Dimension;
	total: number;
	shown: boolean;
	message: string | null;
	rows: BreakdownRow[];
}

export function dimensionsFor(db: Db, surveyId: number) {
	const labels = new Map(equalityQuestions().map((q) => [q.code, q.text]));
	return [
		{ value: 'service', label: 'Service' },
		{ value: 'channel', label: 'Channel' },
		{ value: 'tenure', label: 'Tenure' },
		...equalityCodes(db, surveyId).map((code) => ({
			value: `equality:${code}`,
			label: `Equality: ${labels.get(code) ?? code}`
		}))
	];
}

function groupLabeller(db: Db, dimension: Dimension): (group: string) => string {
	if (dimension === 'service') {
		const names = new Map(listServices(db).map((s) => [String(s.id), s.name]));
		return (group) => names.get(group) ?? `Service ${group}`;
	}
	if (dimension === 'tenure')
		return (group) =>
			group === 'LCRA' ? 'Low-cost rental (LCRA)' : 'Low-cost home ownership (LCHO)';
	if (dimension.startsWith('equality:')) {
		const question = equalityQuestions().find((q) => `equality:${q.code}` === dimension);
		const options = new Map(question ? answerOptions(question).map((o) => [o.value, o.label]) : []);
		return (group) => options.get(group) ?? group;
	}
	return (group) => group.charAt(0).toUpperCase() + group.slice(1).replaceAll('-', ' ');
}

/**
 * The question's measure per group, with the minimum group size and complementary suppression
 * applied for everyone but admins, who see every cell with the reason it would be hidden.
 */
export function breakdown(
	db: Db,
	surveyId: number,
	filter: ResultsFilter,
	question: Question,
	dimension: Dimension,
	viewer: Viewer
): Breakdown {
	const { k } = suppressionFor(db);
	const label = groupLabeller(db, dimension);
	const groups = countByGroup(db, responseConditions(surveyId, filter), question.id, dimension)
		.map((g) => {
			const measure = measureOf(question, g.counts);
			const n = measure ? measure.result.n : Object.values(g.counts).reduce((a, b) => a + b, 0);
			return { key: g.group, label: g.group === null ? NOT_STATED : label(g.group), measure, n };
		})
		.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label)));
	const suppressed = suppressCells(groups, k);
	const strict = viewer !== 'admin';
	if (strict && !suppressed.resultShown)
		return {
			dimension,
			total: suppressed.total,
			shown: false,
			message: suppressed.notShownMessage,
			rows: []
		};
	return {
		dimension,
		total: suppressed.total,
		shown: true,
		message: suppressed.resultShown ? null : suppressed.notShownMessage,
		rows: suppressed.cells.map((cell, index) => {
			const group = groups[index]!;
			const hidden = strict && cell.suppressed;
			return {
				label: group.label,
				n: hidden ? 0 : cell.n,
				measure: hidden ? null : group.measure,
				hidden,
				mark: cell.reason ? SUPPRESSION_LABELS[cell.reason] : null,
				reason: cell.reason
			};
		})
	};
}
