import { error, redirect } from '@sveltejs/kit';
import { confirmSubscription, knownSubscriberToken } from '$lib/server/consultations/notifications';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

// Opening the link shows a button: mail scanners that follow links do not confirm for anyone.
export const load: PageServerLoad = ({ params }) => {
	const topic = knownSubscriberToken(getDb(), params.token, 'confirm');
	if (!topic) error(404, 'This link is not valid');
	// Confirmed already (the button pressed, or the link opened again): they are signed up.
	return { done: topic.confirmed, topic };
};

export const actions: Actions = {
	default: ({ params }) => {
		if (!confirmSubscription(getDb(), params.token)) error(404, 'This link is not valid');
		redirect(303, `/you-said-we-did/confirm/${params.token}?done`);
	}
};
