import { fail, redirect } from '@sveltejs/kit';
import { londonDate } from '$lib/domain/calendar/london-date';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms/parse';
import { listServices } from '$lib/server/settings';
import { availabilityOf } from '$lib/server/surveys/availability';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import {
	changeSurveyStatus,
	countResponses,
	duplicateSurvey,
	SurveyError,
	surveySettingsSchema,
	updateSurveySettings
} from '$lib/server/surveys/surveys';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const { survey, version } = surveyOr404(db, event.params.id);
	return {
		survey: {
			...survey,
			opensOn: survey.opensAt ? londonDate(survey.opensAt) : '',
			closesOn: survey.closesAt ? londonDate(new Date(survey.closesAt.getTime() - 1)) : ''
		},
		availability: availabilityOf(survey),
		version: {
			number: version.number,
			pages: version.definition.pages.length,
			questions: version.definition.pages.reduce((n, p) => n + p.questions.length, 0)
		},
		submitted: countResponses(db, version.id, 'submitted'),
		inProgress: countResponses(db, version.id, 'in-progress'),
		services: listServices(db, { activeOnly: true }).map((s) => ({ id: s.id, name: s.name })),
		publicUrl: `${event.url.origin}/s/${survey.slug}`
	};
};

function statusAction(action: 'open' | 'close' | 'archive' | 'reopen') {
	return (event: RequestEvent) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		try {
			changeSurveyStatus(getDb(), actorOf(user), survey.id, action);
		} catch (e) {
			if (e instanceof SurveyError)
				return fail(400, { errors: { status: e.message } as FieldErrors });
			throw e;
		}
		redirect(303, `/admin/surveys/${survey.id}`);
	};
}

export const actions: Actions = {
	settings: async (event) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		const parsed = parseForm(surveySettingsSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			updateSurveySettings(getDb(), actorOf(user), survey.id, parsed.data);
		} catch (e) {
			if (e instanceof SurveyError)
				return fail(400, {
					errors: { [e.field ?? 'title']: e.message } as FieldErrors,
					values: Object.fromEntries(
						Object.entries(parsed.data).map(([k, v]) => [k, String(v ?? '')])
					)
				});
			throw e;
		}
		redirect(303, `/admin/surveys/${survey.id}?saved=1`);
	},
	open: statusAction('open'),
	close: statusAction('close'),
	archive: statusAction('archive'),
	reopen: statusAction('reopen'),
	duplicate: (event) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		const copy = duplicateSurvey(getDb(), actorOf(user), survey.id);
		redirect(303, `/admin/surveys/${copy.id}`);
	}
};
