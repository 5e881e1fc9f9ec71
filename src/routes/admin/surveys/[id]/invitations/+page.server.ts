import { fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import {
	failedInvitations,
	InvitationError,
	listBatches,
	sendInvitations
} from '$lib/server/invitations';
import { responseRates, tsmSample } from '$lib/server/invitations/rates';
import { invitationCriteriaSchema } from '$lib/server/invitations/schemas';
import { listServices } from '$lib/server/settings';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import { linkOrigin } from '$lib/server/http/origin';
import type { Actions, PageServerLoad } from './$types';

const valuesOf = (data: Record<string, unknown>): Record<string, string> =>
	Object.fromEntries(
		Object.entries(data).map(([k, v]) => [
			k,
			v === true ? 'yes' : v === false ? '' : String(v ?? '')
		])
	);

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const { survey } = surveyOr404(db, event.params.id);
	return {
		survey: { id: survey.id, title: survey.title, status: survey.status },
		batches: listBatches(db, survey.id),
		failed: failedInvitations(db, survey.id),
		rates: responseRates(db, survey.id),
		tsm: survey.templateKey === 'tsm-perception' ? tsmSample(db, survey.id) : null,
		services: listServices(db, { activeOnly: true }).map((s) => ({ id: s.id, name: s.name })),
		defaults: {
			consentOnly: 'yes',
			notInvitedDays: '30',
			reminders: '1',
			reminderIntervalDays: '7'
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requireStaff(event);
		const db = getDb();
		const { survey } = surveyOr404(db, event.params.id);
		const parsed = parseForm(invitationCriteriaSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const serviceName = listServices(db).find((s) => s.id === parsed.data.serviceId)?.name;
		if (parsed.data.serviceId && !serviceName)
			return fail(400, {
				errors: { serviceId: 'Choose a service from the list' },
				values: valuesOf(parsed.data)
			});
		const origin = linkOrigin(event.url);
		try {
			sendInvitations(db, actorOf(staff), survey.id, parsed.data, origin, serviceName);
		} catch (error) {
			if (!(error instanceof InvitationError)) throw error;
			return fail(400, { errors: { form: error.message }, values: valuesOf(parsed.data) });
		}
		redirect(303, `/admin/surveys/${survey.id}/invitations?sent=1`);
	}
};
