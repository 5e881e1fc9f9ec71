import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import {
	createTheme,
	listThemes,
	mergeThemes,
	renameTheme,
	retireTheme,
	ThemeError,
	themeCounts,
	themeSchema
} from '$lib/server/results/themes';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	return { themes: listThemes(db), counts: themeCounts(db) };
};

const idSchema = z.coerce.number().int().positive();

async function withTheme(event: RequestEvent, work: (form: FormData) => void) {
	const form = await readForm(event.request);
	try {
		work(form);
	} catch (e) {
		if (e instanceof ThemeError) return fail(400, { errors: { name: e.message } });
		throw e;
	}
	redirect(303, '/admin/themes');
}

export const actions: Actions = {
	create: async (event) => {
		const user = requireStaff(event);
		const form = await readForm(event.request);
		const parsed = parseForm(themeSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			createTheme(getDb(), actorOf(user), parsed.data);
		} catch (e) {
			if (e instanceof ThemeError)
				return fail(400, { errors: { name: e.message }, values: parsed.data });
			throw e;
		}
		redirect(303, '/admin/themes');
	},
	rename: (event) => {
		const user = requireStaff(event);
		return withTheme(event, (form) => {
			const parsed = themeSchema.safeParse({
				name: form.get('name'),
				keywords: form.get('keywords') ?? ''
			});
			if (!parsed.success) throw new ThemeError('Enter the theme’s name');
			renameTheme(getDb(), actorOf(user), idSchema.parse(form.get('id')), parsed.data);
		});
	},
	retire: (event) => {
		const user = requireStaff(event);
		return withTheme(event, (form) => {
			const id = idSchema.safeParse(form.get('id'));
			if (id.success) retireTheme(getDb(), actorOf(user), id.data);
		});
	},
	merge: (event) => {
		const user = requireStaff(event);
		return withTheme(event, (form) => {
			const from = idSchema.safeParse(form.get('from'));
			const into = idSchema.safeParse(form.get('into'));
			if (!from.success || !into.success) throw new ThemeError('Choose two themes to merge');
			mergeThemes(getDb(), actorOf(user), from.data, into.data);
		});
	}
};
