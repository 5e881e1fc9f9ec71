import { redirect, type RequestEvent } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { consultationOr404 } from '$lib/server/consultations';
import { focusGroupFormData, focusGroupValues } from '$lib/server/consultations/focus-group-form';
import {
	addQuote,
	approveQuote,
	focusGroupOr404,
	readProfile,
	removeQuote,
	saveFocusGroup
} from '$lib/server/consultations/focus-groups';
import {
	approveQuoteSchema,
	focusGroupSchema,
	itemSchema,
	quoteSchema
} from '$lib/server/consultations/schemas';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import type { Actions, PageServerLoad } from './$types';

/** Every load and action here checks the role itself and finds its records, or 404s. */
function context(event: RequestEvent<{ id: string; group: string }>) {
	const staff = requireStaff(event);
	const db = getDb();
	const consultation = consultationOr404(db, event.params.id);
	const group = focusGroupOr404(db, consultation.id, event.params.group);
	const back = `/admin/consultations/${consultation.id}/focus-groups/${group.id}`;
	return { db, actor: actorOf(staff), consultation, group, back };
}

export const load: PageServerLoad = (event) => {
	const { db, consultation, group } = context(event);
	return {
		consultation: { id: consultation.id, title: consultation.title },
		group: { id: group.id, heldOn: group.heldOn, quotes: group.quotes },
		values: focusGroupValues(group),
		...focusGroupFormData(db)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { db, actor, consultation, group, back } = context(event);
		const failure = await runFormAction(event.request, focusGroupSchema, (data, form) =>
			saveFocusGroup(db, actor, consultation.id, group.id, data, readProfile(form, data))
		);
		if (failure) return failure;
		redirect(303, back);
	},
	addQuote: async (event) => {
		const { db, actor, group, back } = context(event);
		const failure = await runFormAction(
			event.request,
			quoteSchema,
			(data) => addQuote(db, actor, group.id, data.quote),
			'quotes'
		);
		if (failure) return failure;
		redirect(303, `${back}#quotes`);
	},
	approveQuote: async (event) => {
		const { db, actor, group, back } = context(event);
		const failure = await runFormAction(
			event.request,
			approveQuoteSchema,
			(data) => approveQuote(db, actor, group.id, data.quoteId),
			'quotes'
		);
		if (failure) return failure;
		redirect(303, `${back}#quotes`);
	},
	removeQuote: async (event) => {
		const { db, actor, group, back } = context(event);
		const failure = await runFormAction(
			event.request,
			itemSchema,
			(data) => removeQuote(db, actor, group.id, data.itemId),
			'quotes'
		);
		if (failure) return failure;
		redirect(303, `${back}#quotes`);
	}
};
