import { error, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getCustomer, updateCustomer } from '$lib/server/customers';
import { saveCustomerForm } from '$lib/server/customers/form-action';
import { getDb } from '$lib/server/db';
import { idParam } from '$lib/server/http/params';
import { listServices } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

function customerOr404(id: string) {
	const found = getCustomer(getDb(), idParam(id));
	if (!found) error(404, 'Page not found');
	return found;
}

export const load: PageServerLoad = (event) => {
	const user = requireStaff(event);
	const found = customerOr404(event.params.id);
	return {
		customer: found,
		canExport: user.role === 'admin',
		values: {
			name: found.name,
			email: found.email ?? '',
			phone: found.phone ?? '',
			reference: found.reference ?? '',
			tenure: found.tenure ?? '',
			consentSurveys: found.consentSurveys ? 'yes' : '',
			consentUpdates: found.consentUpdates ? 'yes' : '',
			notes: found.notes
		},
		serviceIds: found.services.map((s) => String(s.id)),
		services: listServices(getDb()).map((s) => ({ id: s.id, name: s.name }))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requireStaff(event);
		const found = customerOr404(event.params.id);
		const failure = await saveCustomerForm(event.request, (input) =>
			updateCustomer(getDb(), actorOf(staff), found.id, input)
		);
		if (failure) return failure;
		redirect(303, `/admin/customers/${found.id}?saved=updated`);
	}
};
