import { redirect } from '@sveltejs/kit';
import { londonDate } from '$lib/domain/calendar/london-date';
import { londonTime } from '$lib/domain/calendar/london-time';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { runFormAction } from '$lib/server/forms/form-action';
import { listHandlers, recordContact } from '$lib/server/contacts';
import { staffContactSchema } from '$lib/server/contacts/schemas';
import { getDb } from '$lib/server/db';
import { listServices } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireStaff(event);
	const db = getDb();
	const now = new Date();
	return {
		services: listServices(db, { activeOnly: true }),
		handlers: listHandlers(db),
		defaults: {
			kind: event.url.searchParams.get('kind') ?? '',
			receivedOn: londonDate(now),
			receivedTime: londonTime(now),
			ownerId: String(user.id),
			handlerId: String(user.id)
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requireStaff(event);
		let created: ReturnType<typeof recordContact> | undefined;
		const failure = await runFormAction(event.request, staffContactSchema, (data) => {
			created = recordContact(getDb(), actorOf(staff), data);
		});
		if (failure || !created) return failure;
		redirect(
			303,
			created.complaintId
				? `/admin/complaints/${created.complaintId}?saved=created`
				: `/admin/contacts/${created.contact.id}?saved=created`
		);
	}
};
