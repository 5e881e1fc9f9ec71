import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { listHandlers } from '$lib/server/contacts';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { reviewOr404, saveScrutinyAction, scrutinyActionOr404 } from '$lib/server/scrutiny/reviews';
import { scrutinyActionSchema } from '$lib/server/scrutiny/schemas';
import { user } from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** Staff who can own actions, and the action's owner even if they have left, so it can be kept. */
function ownersWith(db: Db, ownerId: number | null) {
	const owners = listHandlers(db).map((u) => ({ value: u.id, label: u.name }));
	if (ownerId === null || owners.some((o) => o.value === ownerId)) return owners;
	const former = db.select({ name: user.name }).from(user).where(eq(user.id, ownerId)).get();
	return former
		? [...owners, { value: ownerId, label: `${former.name} (no longer active)` }]
		: owners;
}

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const review = reviewOr404(db, event.params.id, 'staff');
	const action = scrutinyActionOr404(db, review.id, event.params.action);
	const rec = review.recommendations.find((r) => r.id === action.recommendationId);
	return {
		review: { id: review.id, title: review.title },
		position: rec?.position,
		values: {
			title: action.title,
			ownerId: action.ownerId === null ? '' : String(action.ownerId),
			dueOn: action.dueOn,
			status: action.status,
			progress: action.progress,
			completedOn: action.completedOn ?? ''
		},
		owners: ownersWith(db, action.ownerId)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const staff = requireStaff(event);
		const db = getDb();
		const review = reviewOr404(db, event.params.id, 'staff');
		const action = scrutinyActionOr404(db, review.id, event.params.action);
		const failure = await runFormAction(event.request, scrutinyActionSchema, (data) =>
			saveScrutinyAction(db, actorOf(staff), review.id, action.recommendationId, action.id, data)
		);
		if (failure) return failure;
		redirect(303, `/admin/scrutiny/reviews/${review.id}#recommendations`);
	}
};
