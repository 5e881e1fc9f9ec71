import { error, fail, redirect } from '@sveltejs/kit';
import { caughtByBotTraps, formStartedStamp } from '$lib/server/contacts/bot-traps';
import { requestSubscription } from '$lib/server/consultations/notifications';
import { publicConsultation, publishedConsultationId } from '$lib/server/consultations/public';
import { subscribeSchema } from '$lib/server/consultations/schemas';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import { enforcePublicFormLimit } from '$lib/server/http/rate-limit';
import { suppressionFor } from '$lib/server/results/report';
import { linkOrigin } from '$lib/server/http/origin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	const db = getDb();
	return {
		...publicConsultation(db, params.slug),
		k: suppressionFor(db).k,
		subscribed: url.searchParams.has('subscribed'),
		startedAt: formStartedStamp()
	};
};

export const actions: Actions = {
	subscribe: async (event) => {
		const db = getDb();
		await enforcePublicFormLimit(event.getClientAddress());
		const consultationId = publishedConsultationId(db, event.params.slug);
		if (consultationId === null) error(404, 'Page not found');
		const parsed = parseForm(subscribeSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		// A trapped bot is told what a person is told, and nothing is stored or sent.
		if (!caughtByBotTraps(parsed.data))
			requestSubscription(db, consultationId, parsed.data.email, linkOrigin(event.url));
		redirect(303, `/you-said-we-did/${event.params.slug}?subscribed#updates`);
	}
};
