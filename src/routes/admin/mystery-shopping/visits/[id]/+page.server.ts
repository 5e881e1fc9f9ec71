import { error, fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms/parse';
import {
	channelLabels,
	getVisitForStaff,
	MysteryError,
	reviewVisit,
	statusLabels
} from '$lib/server/mystery';
import { reviewSchema } from '$lib/server/mystery/forms';
import type { Actions, PageServerLoad } from './$types';

function visitId(params: { id: string }): number {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const visit = getVisitForStaff(getDb(), visitId(event.params));
	if (!visit) error(404, 'Page not found');
	return { visit, channelLabels, statusLabels };
};

export const actions: Actions = {
	review: async (event) => {
		const staff = requireStaff(event);
		const id = visitId(event.params);
		const parsed = parseForm(reviewSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			reviewVisit(getDb(), actorOf(staff), id, parsed.data.decision, parsed.data.note);
		} catch (e) {
			if (e instanceof MysteryError)
				return fail(400, {
					errors: { [e.field]: e.message } as FieldErrors,
					values: { decision: parsed.data.decision, note: parsed.data.note ?? '' }
				});
			throw e;
		}
		const word = { approve: 'approved', return: 'returned', reject: 'rejected' }[
			parsed.data.decision
		];
		redirect(303, `/admin/mystery-shopping/review?done=${encodeURIComponent(`${id} ${word}`)}`);
	}
};
