import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { openInvitation } from '$lib/server/surveys/respondent';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, getClientAddress }) => {
	const opened = openInvitation(getDb(), params.token, getClientAddress());
	switch (opened.outcome) {
		case 'resume':
			redirect(303, `/s/${opened.slug}/r/${opened.token}/p/${opened.pageId}`);
		// falls through: redirect throws
		case 'used':
			error(409, 'You have already answered this survey');
		// falls through
		case 'closed':
			error(410, 'This survey has closed');
		// falls through
		case 'limited':
			error(429, 'Too many requests');
		// falls through
		default:
			error(404, 'This link is not valid');
	}
};
