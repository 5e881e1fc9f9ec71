import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { downloadResponse, parseExportFormat } from '$lib/server/results/download';
import { recordExport, responseRows } from '$lib/server/results/export';
import { parseResultsFilter } from '$lib/server/results/filters';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = requireStaff(event);
	const db = getDb();
	const { survey } = surveyOr404(db, event.params.id);
	const format = parseExportFormat(event.url.searchParams);
	const filter = parseResultsFilter(event.url.searchParams);
	recordExport(db, actorOf(user), survey.id, `responses-${format}`, filter);
	return downloadResponse(
		format,
		`survey-${survey.id}-responses`,
		'Responses',
		responseRows(db, survey, filter)
	);
};
