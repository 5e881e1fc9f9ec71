import { redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { createCustomer } from '$lib/server/customers';
import { saveCustomerForm } from '$lib/server/customers/form-action';
import { getDb } from '$lib/server/db';
import { listServices } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	return {
		services: listServices(getDb(), { activeOnly: true }).map((s) => ({ id: s.id, name: s.name }))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requireStaff(event);
		let id: number | undefined;
		const failure = await saveCustomerForm(event.request, (input) => {
			id = createCustomer(getDb(), actorOf(staff), input).id;
		});
		if (failure || !id) return failure;
		redirect(303, `/admin/customers/${id}?saved=created`);
	}
};
