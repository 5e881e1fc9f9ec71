import { actorOf } from '$lib/server/auth/accounts';
import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { downloadResponse, parseExportFormat } from '$lib/server/results/download';
import { panelSummaryRows, recordExport } from '$lib/server/results/export';
import { parseResultsFilter } from '$lib/server/results/filters';
import {
	panelSurveyResults,
	parsePanelPeriod,
	periodPlan,
	requireOfferedPeriod,
	withPeriod
} from '$lib/server/results/panel-periods';
import { definitionFor, panelSurveyOr404 } from '$lib/server/results/report';
import type { RequestHandler } from './$types';

/** The figures on the panel's page, under the same fixed periods (no free dates) and rules. */
export const GET: RequestHandler = (event) => {
	const user = requirePanel(event);
	const db = getDb();
	const { survey, version } = panelSurveyOr404(db, event.params.id);
	const params = event.url.searchParams;
	const format = parseExportFormat(params);
	const period = parsePanelPeriod(params);
	const filter = { ...parseResultsFilter(params), from: undefined, to: undefined };
	const definition = definitionFor(db, survey.id, filter, version.definition);
	const plan = periodPlan(db, survey.id, filter, definition);
	requireOfferedPeriod(plan, period);
	recordExport(db, actorOf(user), survey.id, `panel-summary-${format}`, withPeriod(filter, period));
	return downloadResponse(
		format,
		`survey-${survey.id}-summary`,
		'Summary',
		panelSummaryRows(panelSurveyResults(db, survey.id, definition, filter, period, plan))
	);
};
