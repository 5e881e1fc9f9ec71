import { actorOf } from '$lib/server/auth/accounts';
import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { panelSummaryCsv, recordExport } from '$lib/server/results/export';
import { parseResultsFilter } from '$lib/server/results/filters';
import { definitionFor, panelSurveyOr404 } from '$lib/server/results/report';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = requirePanel(event);
	const db = getDb();
	const { survey, version } = panelSurveyOr404(db, event.params.id);
	const filter = parseResultsFilter(event.url.searchParams);
	recordExport(db, actorOf(user), survey.id, 'panel-summary-csv', filter);
	const definition = definitionFor(db, survey.id, filter, version.definition);
	return new Response(panelSummaryCsv(db, survey, definition, filter, 'panel'), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="survey-${survey.id}-summary.csv"`,
			'cache-control': 'no-store'
		}
	});
};
