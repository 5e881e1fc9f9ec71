import { actorOf } from '$lib/server/auth/accounts';
import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { downloadResponse, parseExportFormat } from '$lib/server/results/download';
import { panelSummaryRows, recordExport } from '$lib/server/results/export';
import { parseResultsFilter } from '$lib/server/results/filters';
import { definitionFor, panelSurveyOr404 } from '$lib/server/results/report';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = requirePanel(event);
	const db = getDb();
	const { survey, version } = panelSurveyOr404(db, event.params.id);
	const format = parseExportFormat(event.url.searchParams);
	const filter = parseResultsFilter(event.url.searchParams);
	recordExport(db, actorOf(user), survey.id, `panel-summary-${format}`, filter);
	const definition = definitionFor(db, survey.id, filter, version.definition);
	return downloadResponse(
		format,
		`survey-${survey.id}-summary`,
		'Summary',
		panelSummaryRows(db, survey, definition, filter, 'panel')
	);
};
