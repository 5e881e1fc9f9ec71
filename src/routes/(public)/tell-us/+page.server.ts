import { fail, redirect } from '@sveltejs/kit';
import { ComplaintError } from '$lib/server/complaints/errors';
import { submitPublicContact } from '$lib/server/contacts';
import { caughtByBotTraps, decoyReference, formStartedStamp } from '$lib/server/contacts/bot-traps';
import { publicContactSchema } from '$lib/server/contacts/schemas';
import { getDb } from '$lib/server/db';
import { keptValues, parseForm, readForm } from '$lib/server/forms/parse';
import { enforcePublicFormLimit } from '$lib/server/http/rate-limit';
import { listServices } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	services: listServices(getDb(), { activeOnly: true }).map((s) => ({
		value: s.id,
		label: s.name
	})),
	startedAt: formStartedStamp()
});

export const actions: Actions = {
	default: async (event) => {
		const db = getDb();
		await enforcePublicFormLimit(event.getClientAddress());
		const form = await readForm(event.request);
		const parsed = parseForm(publicContactSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		// A trapped bot sees what a person would see, and nothing is stored.
		if (caughtByBotTraps(parsed.data)) redirect(303, `/tell-us/thank-you?ref=${decoyReference()}`);
		let saved: ReturnType<typeof submitPublicContact>;
		try {
			saved = submitPublicContact(db, parsed.data);
		} catch (e) {
			if (!(e instanceof ComplaintError)) throw e;
			const values = keptValues(
				Object.fromEntries(
					[...form.entries()].filter(
						(entry): entry is [string, string] => typeof entry[1] === 'string'
					)
				)
			);
			return fail(400, { errors: { [e.field]: e.message }, values });
		}
		const { reference, kind } = saved.contact;
		redirect(303, `/tell-us/thank-you?ref=${reference}&kind=${kind}`);
	}
};
