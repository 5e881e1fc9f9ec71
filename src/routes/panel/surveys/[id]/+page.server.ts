import { redirect, type RequestEvent } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requirePanel } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { loadResultsPage } from '$lib/server/results/page-data';
import { panelSurveyOr404 } from '$lib/server/results/report';
import { remarkSchema } from '$lib/server/scrutiny/remark-schemas';
import { addRemark, listRemarks } from '$lib/server/scrutiny/remarks';
import type { Actions, PageServerLoad } from './$types';

/** The load and every action check the role and find a survey the panel may see, or 404. */
function context(event: RequestEvent<{ id: string }>) {
	const member = requirePanel(event);
	const db = getDb();
	return { db, member, ...panelSurveyOr404(db, event.params.id) };
}

export const load: PageServerLoad = (event) => {
	const { db, survey, version } = context(event);
	// An admin opening the panel's view sees exactly what the panel sees.
	return {
		...loadResultsPage(db, survey, version, event.url, 'panel'),
		remarks: listRemarks(db, survey.id)
	};
};

export const actions: Actions = {
	addRemark: async (event) => {
		const { db, member, survey } = context(event);
		let kind = '';
		const failure = await runFormAction(
			event.request,
			remarkSchema,
			(data) => {
				kind = data.kind;
				addRemark(db, actorOf(member), survey.id, data);
			},
			'remark'
		);
		if (failure) return failure;
		redirect(303, `/panel/surveys/${survey.id}?added=${kind}#remarks`);
	}
};
