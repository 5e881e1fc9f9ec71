import {
	basisText as standardBasis,
	describeStandard,
	performanceText,
	statusLabels
} from '$lib/components/service-standards/describe';
import { basisText, changeText, figureCell, unitText } from '$lib/domain/standards/scorecard-text';
import { roundForDisplay } from '$lib/domain/rounding';
import type { PeriodPerformance } from '$lib/domain/standards/performance';
import type { Db } from '../db';
import { downloadResponse, type ExportFormat } from '../results/download';
import { customerCareScorecard, type ScorecardViewer } from './scorecard';
import { scorecardStandards } from './service-standards';

const share = (p: PeriodPerformance) =>
	p.percent === null ? performanceText(p) : roundForDisplay(p.percent);

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
		]),
		// Service standards follow, in the same columns: a share of cases, its basis and status.
		...scorecardStandards(db, startYear, viewer).map((s) => [
			s.standard.name,
			unitText.percent,
			share(s.current.year),
			standardBasis(s.current.year),
			share(s.previous.year),
			standardBasis(s.previous.year),
			`Target ${s.standard.targetPercent}%: ${statusLabels[s.current.year.status].toLowerCase()} in ${card.year.label}`,
			describeStandard(s.standard, s.serviceName, s.itemLabel)
		])
	];
	const name = `customer-care-scorecard-${card.year.label.replace('/', '-')}`;
	return downloadResponse(format, name, 'Scorecard', rows);
}
