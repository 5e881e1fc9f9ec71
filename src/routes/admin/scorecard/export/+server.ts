import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseExportFormat } from '$lib/server/results/download';
import { scorecardDownload } from '$lib/server/standards/scorecard-download';
import { scorecardYear } from '$lib/server/standards/year-param';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const user = requireStaff(event);
	const params = event.url.searchParams;
	return scorecardDownload(
		getDb(),
		scorecardYear(params),
		user.role === 'admin' ? 'admin' : 'staff',
		parseExportFormat(params)
	);
};
