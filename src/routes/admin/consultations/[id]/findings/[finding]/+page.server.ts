import { redirect, type RequestEvent } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { consultationOr404 } from '$lib/server/consultations';
import {
	addEvidence,
	approvedQuotes,
	evidenceFor,
	evidenceQuestions,
	findingOr404,
	removeEvidence,
	updateFinding
} from '$lib/server/consultations/findings';
import { evidenceSchema, findingSchema, itemSchema } from '$lib/server/consultations/schemas';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { suppressionFor } from '$lib/server/results/report';
import { listThemes } from '$lib/server/results/themes';
import type { Actions, PageServerLoad } from './$types';

/** Every load and action here checks the role itself and finds its records, or 404s. */
function context(event: RequestEvent<{ id: string; finding: string }>) {
	const staff = requireStaff(event);
	const db = getDb();
	const consultation = consultationOr404(db, event.params.id);
	const finding = findingOr404(db, consultation.id, event.params.finding);
	const back = `/admin/consultations/${consultation.id}/findings/${finding.id}`;
	return { db, actor: actorOf(staff), consultation, finding, back };
}

export const load: PageServerLoad = (event) => {
	const { db, consultation, finding } = context(event);
	return {
		consultation: { id: consultation.id, title: consultation.title },
		finding,
		evidence: evidenceFor(db, consultation.id, [finding.id]).get(finding.id) ?? [],
		k: suppressionFor(db).k,
		options: {
			questions: evidenceQuestions(db, consultation.id),
			themes: listThemes(db, { activeOnly: true }),
			quotes: approvedQuotes(db, consultation.id)
		}
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { db, actor, finding, back } = context(event);
		const failure = await runFormAction(event.request, findingSchema, (data) =>
			updateFinding(db, actor, finding.id, data)
		);
		if (failure) return failure;
		redirect(303, back);
	},
	addEvidence: async (event) => {
		const { db, actor, consultation, finding, back } = context(event);
		const failure = await runFormAction(
			event.request,
			evidenceSchema,
			(data) => addEvidence(db, actor, consultation.id, finding.id, data.evidence),
			'evidence'
		);
		if (failure) return failure;
		redirect(303, `${back}#evidence-section`);
	},
	removeEvidence: async (event) => {
		const { db, actor, finding, back } = context(event);
		const failure = await runFormAction(
			event.request,
			itemSchema,
			(data) => removeEvidence(db, actor, finding.id, data.itemId),
			'evidence'
		);
		if (failure) return failure;
		redirect(303, `${back}#evidence-section`);
	}
};
