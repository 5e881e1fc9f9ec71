import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { idParam } from '$lib/server/http/params';
import { eraseCustomer, erasurePreview } from '$lib/server/privacy/erasure';
import type { Actions, PageServerLoad } from './$types';

/** Admins only: erasure cannot be undone. Staff get 404, as for the subject access export. */
export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	const id = idParam(event.params.id);
	const preview = erasurePreview(getDb(), id);
	if (!preview) error(404, 'Page not found');
	return { customerId: id, preview };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireAdmin(event);
		const id = idParam(event.params.id);
		let erased = false;
		const failure = await runFormAction(event.request, z.object({}), () => {
			erased = eraseCustomer(getDb(), actorOf(admin), id) !== undefined;
		});
		if (failure) return failure;
		if (!erased) error(404, 'Page not found');
		redirect(303, '/admin/customers?erased=1');
	}
};
