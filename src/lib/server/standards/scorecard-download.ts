import { basisText, changeText, figureCell, unitText } from '$lib/domain/standards/scorecard-text';
import type { Db } from '../db';
import { downloadResponse, type ExportFormat } from '../results/download';
import { customerCareScorecard, type ScorecardViewer } from './scorecard';

/** The scorecard as the page shows it, as rows for a spreadsheet: the same words and figures. */
export function scorecardDownload(
	db: Db,
	startYear: number,
	viewer: ScorecardViewer,
	format: ExportFormat
): Response {
	const card = customerCareScorecard(db, startYear, viewer);
	const k = card.minimumGroupSize;
	const rows: unknown[][] = [
		[
			'Measure',
			'Unit',
			card.year.label,
			`${card.year.label}: based on`,
			card.previousYear.label,
			`${card.previousYear.label}: based on`,
			'Change',
			'How it is worked out'
		],
		...card.rows.map((row) => [
			row.label,
			unitText[row.unit],
			figureCell(row, row.current, k),
			basisText(row, row.current),
			figureCell(row, row.previous, k),
			basisText(row, row.previous),
			changeText(row),
			row.definition
		])
	];
	const name = `customer-care-scorecard-${card.year.label.replace('/', '-')}`;
	return downloadResponse(format, name, 'Scorecard', rows);
}
