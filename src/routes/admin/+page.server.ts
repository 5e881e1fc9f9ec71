import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { countJobs } from '$lib/server/jobs/queue';
import { listServices } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireStaff(event);
	const db = getDb();
	return {
		services: listServices(db, { activeOnly: true }).map((s) => s.name),
		jobs: user.role === 'admin' ? countJobs(db) : null
	};
};
