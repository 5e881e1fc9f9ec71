import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms/parse';
import {
	createService,
	DuplicateServiceError,
	listServices,
	renameService,
	serviceSchema,
	setServiceActive
} from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	return { services: listServices(getDb()) };
};

const idSchema = z.object({ id: z.coerce.number().int().positive() });

export const actions: Actions = {
	create: async (event) => {
		const admin = requireAdmin(event);
		const parsed = parseForm(serviceSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			createService(getDb(), actorOf(admin), parsed.data.name);
		} catch (e) {
			if (e instanceof DuplicateServiceError)
				return fail(400, {
					errors: { name: e.message } as FieldErrors,
					values: { name: parsed.data.name }
				});
			throw e;
		}
		redirect(303, '/admin/services');
	},
	rename: async (event) => {
		const admin = requireAdmin(event);
		const form = await readForm(event.request);
		const id = parseForm(idSchema, form);
		const parsed = parseForm(serviceSchema, form);
		if (!id.ok) return fail(400, { errors: { name: 'Choose a service to rename' } as FieldErrors });
		const field = `name-${id.data.id}`;
		if (!parsed.ok)
			return fail(400, {
				errors: { [field]: parsed.errors.name ?? 'Enter a name' } as FieldErrors
			});
		try {
			renameService(getDb(), actorOf(admin), id.data.id, parsed.data.name);
		} catch (e) {
			if (e instanceof DuplicateServiceError)
				return fail(400, { errors: { [field]: e.message } as FieldErrors });
			throw e;
		}
		redirect(303, '/admin/services');
	},
	retire: async (event) => {
		const admin = requireAdmin(event);
		const id = parseForm(idSchema, await readForm(event.request));
		if (id.ok) setServiceActive(getDb(), actorOf(admin), id.data.id, false);
		redirect(303, '/admin/services');
	},
	reactivate: async (event) => {
		const admin = requireAdmin(event);
		const id = parseForm(idSchema, await readForm(event.request));
		if (id.ok) setServiceActive(getDb(), actorOf(admin), id.data.id, true);
		redirect(303, '/admin/services');
	}
};
