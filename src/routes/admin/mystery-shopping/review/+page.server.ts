import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { channelLabels, listAssignments, statusLabels } from '$lib/server/mystery';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const oldestFirst = <T extends { submittedAt: Date | null }>(list: T[]) =>
		list.sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
	return {
		pending: oldestFirst(listAssignments(db, { status: 'pending' })),
		returned: listAssignments(db, { status: 'returned' }),
		channelLabels,
		statusLabels
	};
};
