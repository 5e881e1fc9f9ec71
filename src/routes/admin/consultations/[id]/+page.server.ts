import { redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import {
	addDocument,
	changeConsultationSlug,
	consultationOr404,
	linkedSurveys,
	linkSurvey,
	listDocuments,
	listFindings,
	removeDocument,
	setConsultationPublished,
	subscriberCounts,
	unlinkSurvey,
	updateConsultation
} from '$lib/server/consultations';
import { bulkUpdateStatus, listActions } from '$lib/server/consultations/actions';
import { createFinding, deleteFinding } from '$lib/server/consultations/findings';
import { listFocusGroups } from '$lib/server/consultations/focus-groups';
import {
	bulkStatusSchema,
	consultationSchema,
	documentSchema,
	findingSchema,
	itemSchema,
	linkSurveySchema,
	slugSchema
} from '$lib/server/consultations/schemas';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { listServices } from '$lib/server/settings';
import { listSurveys } from '$lib/server/surveys/surveys';
import { linkOrigin } from '$lib/server/http/origin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const consultation = consultationOr404(db, event.params.id);
	return {
		consultation,
		surveys: linkedSurveys(db, consultation.id),
		allSurveys: listSurveys(db).map((s) => ({ value: s.id, label: s.title })),
		documents: listDocuments(db, consultation.id),
		focusGroups: listFocusGroups(db, consultation.id),
		findings: listFindings(db, consultation.id),
		actions: listActions(db, consultation.id),
		subscribers: subscriberCounts(db, consultation.id),
		services: listServices(db, { activeOnly: true }).map((s) => ({ value: s.id, label: s.name }))
	};
};

/** Guards, finds the consultation, runs one command from one form, then back to the page. */
async function change<S extends z.ZodType>(
	event: RequestEvent<{ id: string }>,
	schema: S,
	formName: string,
	work: (
		ctx: { actor: ReturnType<typeof actorOf>; id: number; origin: () => string },
		data: z.output<S>
	) => void
) {
	const staff = requireStaff(event);
	const db = getDb();
	const { id } = consultationOr404(db, event.params.id);
	const origin = () => linkOrigin(event.url);
	const failure = await runFormAction(
		event.request,
		schema,
		(data) => work({ actor: actorOf(staff), id, origin }, data),
		formName
	);
	if (failure) return failure;
	redirect(303, `/admin/consultations/${id}#${formName}`);
}

export const actions: Actions = {
	update: (event) =>
		change(event, consultationSchema, 'details', ({ actor, id }, data) =>
			updateConsultation(getDb(), actor, id, data)
		),
	slug: (event) =>
		change(event, slugSchema, 'slug', ({ actor, id }, data) =>
			changeConsultationSlug(getDb(), actor, id, data.slug)
		),
	publish: (event) =>
		change(event, z.object({}), 'publishing', ({ actor, id, origin }) =>
			setConsultationPublished(getDb(), actor, id, true, origin)
		),
	unpublish: (event) =>
		change(event, z.object({}), 'publishing', ({ actor, id, origin }) =>
			setConsultationPublished(getDb(), actor, id, false, origin)
		),
	linkSurvey: (event) =>
		change(event, linkSurveySchema, 'surveys', ({ actor, id }, data) =>
			linkSurvey(getDb(), actor, id, data.surveyId)
		),
	unlinkSurvey: (event) =>
		change(event, itemSchema, 'surveys', ({ actor, id }, data) =>
			unlinkSurvey(getDb(), actor, id, data.itemId)
		),
	addDocument: (event) =>
		change(event, documentSchema, 'documents', ({ actor, id }, data) =>
			addDocument(getDb(), actor, id, data)
		),
	removeDocument: (event) =>
		change(event, itemSchema, 'documents', ({ actor, id }, data) =>
			removeDocument(getDb(), actor, id, data.itemId)
		),
	addFinding: (event) =>
		change(event, findingSchema, 'findings', ({ actor, id }, data) => {
			createFinding(getDb(), actor, id, data.statement, data.published);
		}),
	deleteFinding: (event) =>
		change(event, itemSchema, 'findings', ({ actor, id }, data) =>
			deleteFinding(getDb(), actor, id, data.itemId)
		),
	bulkStatus: (event) =>
		change(event, bulkStatusSchema, 'actions', ({ actor, id, origin }, data) => {
			bulkUpdateStatus(getDb(), actor, id, data, origin);
		})
};
