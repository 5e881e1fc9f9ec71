import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import { availabilityOf } from '$lib/server/surveys/availability';
import { startResponse } from '$lib/server/surveys/responding';
import { firstPageId } from '$lib/server/surveys/respondent';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import type { Actions, PageServerLoad } from './$types';

const staffChannels = [
	['telephone', 'Telephone'],
	['paper', 'Paper form'],
	['face-to-face', 'Face to face'],
	['assisted-online', 'Online, with help from staff']
] as const;

const schema = z.object({
	channel: z.enum(['telephone', 'paper', 'face-to-face', 'assisted-online'], {
		error: 'Select how the answers were given'
	})
});

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const { survey } = surveyOr404(getDb(), event.params.id);
	return {
		survey: { id: survey.id, title: survey.title },
		open: availabilityOf(survey) === 'open',
		channels: staffChannels
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireStaff(event);
		const db = getDb();
		const target = surveyOr404(db, event.params.id);
		if (availabilityOf(target.survey) !== 'open')
			return fail(400, {
				errors: { channel: 'The survey is not open, so answers cannot be entered' }
			});
		const parsed = parseForm(schema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { response } = startResponse(db, target, {
			channel: parsed.data.channel,
			enteredBy: user.id
		});
		redirect(
			303,
			`/admin/surveys/${target.survey.id}/responses/${response.id}/p/${firstPageId(target)}`
		);
	}
};
