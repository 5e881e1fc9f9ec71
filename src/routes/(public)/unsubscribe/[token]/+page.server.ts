import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { knownUnsubscribeToken, unsubscribe } from '$lib/server/invitations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	if (!knownUnsubscribeToken(getDb(), params.token)) error(404, 'This link is not valid');
	return { done: url.searchParams.has('done') };
};

/** Also the target of the one-click POST that mail programs send (RFC 8058). */
export const actions: Actions = {
	default: async ({ params }) => {
		if (!unsubscribe(getDb(), params.token)) error(404, 'This link is not valid');
		redirect(303, `/unsubscribe/${params.token}?done`);
	}
};
