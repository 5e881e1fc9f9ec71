import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import {
	acknowledgeComplaint,
	assignHandler,
	closeComplaint,
	escalateComplaint,
	extendComplaint,
	refuseComplaint,
	respondToComplaint
} from '$lib/server/complaints';
import { runFormAction } from '$lib/server/forms/form-action';
import { getComplaint } from '$lib/server/complaints/queries';
import {
	acknowledgeSchema,
	assignSchema,
	escalateSchema,
	extendSchema,
	refuseSchema,
	respondSchema
} from '$lib/server/complaints/schemas';
import { listHandlers } from '$lib/server/contacts';
import { getDb } from '$lib/server/db';
import { idParam } from '$lib/server/http/params';
import { linkOrigin } from '$lib/server/http/origin';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const found = getComplaint(getDb(), idParam(event.params.id));
	if (!found) error(404, 'Page not found');
	return { ...found, handlers: listHandlers(getDb()), now: new Date() };
};

/** Guards, finds the complaint (404 if it is not there), runs one command and comes back. */
async function act<S extends z.ZodType>(
	event: RequestEvent,
	form: string,
	schema: S,
	command: (actor: ReturnType<typeof actorOf>, id: number, data: z.output<S>) => unknown
) {
	const staff = requireStaff(event);
	const id = idParam(event.params.id);
	if (!getComplaint(getDb(), id)) error(404, 'Page not found');
	const failure = await runFormAction(
		event.request,
		schema,
		(data) => command(actorOf(staff), id, data),
		form
	);
	if (failure) return failure;
	redirect(303, `/admin/complaints/${id}?saved=${form}`);
}

const nothing = z.object({});

export const actions: Actions = {
	acknowledge: async (event) =>
		act(event, 'acknowledge', acknowledgeSchema, (actor, id, data) =>
			acknowledgeComplaint(getDb(), actor, id, data)
		),
	extend: async (event) =>
		act(event, 'extend', extendSchema, (actor, id, data) =>
			extendComplaint(getDb(), actor, id, data)
		),
	respond: async (event) =>
		act(event, 'respond', respondSchema, (actor, id, data) =>
			respondToComplaint(getDb(), actor, id, data)
		),
	escalate: async (event) =>
		act(event, 'escalate', escalateSchema, (actor, id, data) =>
			escalateComplaint(getDb(), actor, id, data)
		),
	assign: async (event) =>
		act(event, 'assign', assignSchema, (actor, id, data) =>
			assignHandler(getDb(), actor, id, data.handlerId)
		),
	refuse: async (event) =>
		act(event, 'refuse', refuseSchema, (actor, id, data) =>
			refuseComplaint(getDb(), actor, id, data.refusalReason)
		),
	close: async (event) =>
		act(event, 'close', nothing, (actor, id) =>
			closeComplaint(getDb(), actor, id, () => linkOrigin(event.url))
		)
};
