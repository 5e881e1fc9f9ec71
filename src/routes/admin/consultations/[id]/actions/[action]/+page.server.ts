import { redirect, type RequestEvent } from '@sveltejs/kit';
import { londonDate } from '$lib/domain/calendar/london-date';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { consultationOr404 } from '$lib/server/consultations';
import { actionFormData } from '$lib/server/consultations/action-form';
import { actionOr404, addProgress, saveAction } from '$lib/server/consultations/actions';
import { actionSchema, progressSchema } from '$lib/server/consultations/schemas';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { linkOrigin } from '$lib/server/http/origin';
import type { Actions, PageServerLoad } from './$types';

/** Every load and action here checks the role itself and finds its records, or 404s. */
function context(event: RequestEvent<{ id: string; action: string }>) {
	const staff = requireStaff(event);
	const db = getDb();
	const consultation = consultationOr404(db, event.params.id);
	const action = actionOr404(db, consultation.id, event.params.action);
	const back = `/admin/consultations/${consultation.id}/actions/${action.id}`;
	return { db, staff, consultation, action, back };
}

export const load: PageServerLoad = (event) => {
	const { db, consultation, action } = context(event);
	return {
		consultation: {
			id: consultation.id,
			title: consultation.title,
			published: !!consultation.publishedAt
		},
		action,
		values: {
			title: action.title,
			description: action.description,
			ownerId: action.ownerId === null ? '' : String(action.ownerId),
			serviceId: action.serviceId === null ? '' : String(action.serviceId),
			dueOn: action.dueOn ?? '',
			status: action.status,
			reason: action.reason,
			completedOn: action.completedOn ?? '',
			outcome: action.outcome,
			findingIds: action.findingIds.map(String),
			published: action.publishedAt ? 'yes' : ''
		},
		today: londonDate(new Date()),
		...actionFormData(db, consultation.id)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { db, staff, consultation, action, back } = context(event);
		const origin = () => linkOrigin(event.url);
		const failure = await runFormAction(event.request, actionSchema, (data) =>
			saveAction(db, actorOf(staff), consultation.id, action.id, data, origin)
		);
		if (failure) return failure;
		redirect(303, back);
	},
	progress: async (event) => {
		const { db, staff, action, back } = context(event);
		const failure = await runFormAction(
			event.request,
			progressSchema,
			(data) => addProgress(db, actorOf(staff), action.id, data),
			'progress'
		);
		if (failure) return failure;
		redirect(303, `${back}#progress`);
	}
};
