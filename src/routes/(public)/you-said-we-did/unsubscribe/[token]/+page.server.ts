import { error, redirect } from '@sveltejs/kit';
import {
	knownSubscriberToken,
	unsubscribeSubscriber
} from '$lib/server/consultations/notifications';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	const topic = knownSubscriberToken(getDb(), params.token, 'unsubscribe');
	if (!topic) error(404, 'This link is not valid');
	return { done: url.searchParams.has('done'), topic };
};

/** Also the target of the one-click POST that mail programs send (RFC 8058). */
export const actions: Actions = {
	default: ({ params }) => {
		if (!unsubscribeSubscriber(getDb(), params.token)) error(404, 'This link is not valid');
		redirect(303, `/you-said-we-did/unsubscribe/${params.token}?done`);
	}
};
