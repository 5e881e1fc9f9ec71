import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { idParam } from '$lib/server/http/params';
import { listServices } from '$lib/server/settings';
import {
	getStandard,
	setStandardRetired,
	standardFormValues,
	standardItemChoices,
	updateStandard
} from '$lib/server/standards/service-standards';
import { standardSchema } from '$lib/server/standards/standard-schema';
import type { Actions, PageServerLoad } from './$types';

function standardOr404(param: string) {
	const found = getStandard(getDb(), idParam(param));
	if (!found) error(404, 'Page not found');
	return found;
}

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	const db = getDb();
	const standard = standardOr404(event.params.id);
	return {
		standard,
		values: standardFormValues(standard),
		// A service no longer in use stays choosable on a standard that already names it.
		services: listServices(db)
			.filter((s) => s.active || s.id === standard.serviceId)
			.map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name} (no longer in use)` })),
		items: standardItemChoices(db, standard)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const admin = requireAdmin(event);
		const { id } = standardOr404(event.params.id);
		const failure = await runFormAction(event.request, standardSchema, (data) =>
			updateStandard(getDb(), actorOf(admin), id, data)
		);
		if (failure) return failure;
		redirect(303, `/admin/standards?saved=changed#standard-${id}`);
	},
	retire: async (event) => {
		const admin = requireAdmin(event);
		const { id } = standardOr404(event.params.id);
		const failure = await runFormAction(event.request, z.object({}), () =>
			setStandardRetired(getDb(), actorOf(admin), id, true)
		);
		if (failure) return failure;
		redirect(303, `/admin/standards?saved=retired#standard-${id}`);
	},
	reinstate: async (event) => {
		const admin = requireAdmin(event);
		const { id } = standardOr404(event.params.id);
		const failure = await runFormAction(event.request, z.object({}), () =>
			setStandardRetired(getDb(), actorOf(admin), id, false)
		);
		if (failure) return failure;
		redirect(303, `/admin/standards?saved=reinstated#standard-${id}`);
	}
};
