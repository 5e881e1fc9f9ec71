import { requireStaff } from '$lib/server/auth/guard';
import {
	complaintViews,
	countQueues,
	listComplaints,
	type ComplaintView
} from '$lib/server/complaints/queries';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireStaff(event);
	const asked = event.url.searchParams.get('view') ?? 'mine';
	const view: ComplaintView = (complaintViews as readonly string[]).includes(asked)
		? (asked as ComplaintView)
		: 'mine';
	const db = getDb();
	const rows = listComplaints(db, view, user.id).map((r) => ({
		id: r.id,
		reference: r.reference,
		customerName: r.customerName,
		service: r.service,
		nature: r.nature,
		stage: r.stage.stage,
		handler: r.handler,
		status: r.status,
		closedAt: r.closedAt,
		next: r.assessment.status.next,
		dueDate: r.assessment.status.dueDate,
		deadline: r.assessment.status.status
	}));
	return { view, rows, counts: countQueues(db, user.id) };
};
