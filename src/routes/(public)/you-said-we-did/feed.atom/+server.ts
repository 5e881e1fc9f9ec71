import { actionFeed } from '$lib/server/consultations/feeds';
import { getDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import type { RequestHandler } from './$types';

/** Published actions as an Atom feed. */
export const GET: RequestHandler = ({ url }) =>
	new Response(actionFeed(getDb(), env().ORIGIN ?? url.origin).atom, {
		headers: {
			'Content-Type': 'application/atom+xml; charset=utf-8',
			'Cache-Control': 'public, max-age=300'
		}
	});
