import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { listOpenChallenges } from '$lib/server/scrutiny/remarks';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	return { challenges: listOpenChallenges(getDb()) };
};
