import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/auth/accounts';
import { requireAdmin, requireStaff } from '$lib/server/auth/guard';
import { runFormAction } from '$lib/server/forms/form-action';
import { anonymiseContact, getContact, passOnCompliment, recordReply } from '$lib/server/contacts';
import { passOnSchema, replySchema } from '$lib/server/contacts/schemas';
import { getDb } from '$lib/server/db';
import { idParam } from '$lib/server/http/params';
import type { Actions, PageServerLoad } from './$types';

function contactIdOf(param: string) {
	const id = idParam(param);
	if (!getContact(getDb(), id)) error(404, 'Page not found');
	return id;
}

export const load: PageServerLoad = (event) => {
	const user = requireStaff(event);
	const found = getContact(getDb(), contactIdOf(event.params.id))!;
	return { ...found, canAnonymise: user.role === 'admin' };
};

export const actions: Actions = {
	passOn: async (event) => {
		const staff = requireStaff(event);
		const id = contactIdOf(event.params.id);
		const failure = await runFormAction(event.request, passOnSchema, (data) =>
			passOnCompliment(getDb(), actorOf(staff), id, data.passedOnTo)
		);
		if (failure) return failure;
		redirect(303, `/admin/contacts/${id}?saved=passed-on`);
	},
	reply: async (event) => {
		const staff = requireStaff(event);
		const id = contactIdOf(event.params.id);
		const failure = await runFormAction(event.request, replySchema, (data) =>
			recordReply(getDb(), actorOf(staff), id, data)
		);
		if (failure) return failure;
		redirect(303, `/admin/contacts/${id}?saved=replied`);
	},
	anonymise: async (event) => {
		const admin = requireAdmin(event);
		const id = contactIdOf(event.params.id);
		const failure = await runFormAction(event.request, z.object({}), () =>
			anonymiseContact(getDb(), actorOf(admin), id)
		);
		if (failure) return failure;
		redirect(303, `/admin/contacts/${id}?saved=anonymised`);
	}
};
