import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { recordExport, responsesCsv } from '$lib/server/results/export';
import { parseResultsFilter } from '$lib/server/results/filters';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = requireStaff(event);
	const db = getDb();
	const { survey } = surveyOr404(db, event.params.id);
	const filter = parseResultsFilter(event.url.searchParams);
	recordExport(db, actorOf(user), survey.id, 'responses-csv', filter);
	return new Response(responsesCsv(db, survey, filter), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="survey-${survey.id}-responses.csv"`,
			'cache-control': 'no-store'
		}
	});
};
