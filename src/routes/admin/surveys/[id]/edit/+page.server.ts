import { fail, redirect } from '@sveltejs/kit';
import {
	addPage,
	addQuestion,
	movePage,
	moveQuestion,
	removePage,
	removeQuestion,
	withEqualityMonitoring,
	withoutEqualityMonitoring
} from '$lib/domain/survey';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import type { SessionUser } from '$lib/server/auth/sessions';
import { getDb } from '$lib/server/db';
import { parseForm, readForm, type FieldErrors } from '$lib/server/forms/parse';
import {
	afterSave,
	applyEdit,
	builderOverview,
	directionSchema,
	newPageSchema,
	newQuestionSchema,
	targetSchema,
	type Edit
} from '$lib/server/surveys/builder';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const { survey } = surveyOr404(getDb(), event.params.id);
	return {
		survey: { id: survey.id, title: survey.title },
		builder: builderOverview(getDb(), survey.id)
	};
};

/** Saves one edit from the list; a problem is shown beside the page or question it was about. */
function save(user: SessionUser, surveyId: number, edit: Edit, place: string, anchor = place) {
	const result = applyEdit(getDb(), actorOf(user), surveyId, edit, { fallback: place });
	if (!result.ok) return fail(400, { errors: result.errors, values: {} });
	redirect(303, afterSave(surveyId, result.outcome, anchor));
}

/** The add forms are repeated per page, so their field names carry a prefix. */
function prefixed(prefix: string, errors: FieldErrors, values: Record<string, string>) {
	const add = (o: Record<string, string>) =>
		Object.fromEntries(Object.entries(o).map(([k, v]) => [prefix + k, v]));
	return fail(400, { errors: add(errors), values: add(values) });
}

export const actions: Actions = {
	addQuestion: async (event) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		const form = await readForm(event.request);
		const page = String(form.get('page') ?? '');
		const parsed = parseForm(newQuestionSchema, form);
		if (!parsed.ok) return prefixed(`new-${page}-`, parsed.errors, parsed.values);
		const edit: Edit = (d) => addQuestion(d, page, parsed.data).definition;
		return save(user, survey.id, edit, `new-${page}-type`, 'builder-end');
	},
	addPage: async (event) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		const parsed = parseForm(newPageSchema, await readForm(event.request));
		if (!parsed.ok) return prefixed('new-page-', parsed.errors, parsed.values);
		const { title, ...question } = parsed.data;
		const edit: Edit = (d) => addPage(d, { title, question }).definition;
		return save(user, survey.id, edit, 'new-page-type', 'builder-end');
	},
	moveQuestion: async (event) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		const parsed = parseForm(directionSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: { builder: 'Choose a question to move' } });
		const { id, direction } = parsed.data;
		return save(user, survey.id, (d) => moveQuestion(d, id, direction), `question-${id}`);
	},
	deleteQuestion: async (event) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		const parsed = parseForm(targetSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: { builder: 'Choose a question to delete' } });
		const { id } = parsed.data;
		return save(user, survey.id, (d) => removeQuestion(d, id), `question-${id}`, 'builder');
	},
	movePage: async (event) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		const parsed = parseForm(directionSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: { builder: 'Choose a page to move' } });
		const { id, direction } = parsed.data;
		return save(user, survey.id, (d) => movePage(d, id, direction), `page-${id}`);
	},
	deletePage: async (event) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		const parsed = parseForm(targetSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: { builder: 'Choose a page to delete' } });
		const { id } = parsed.data;
		return save(user, survey.id, (d) => removePage(d, id), `page-${id}`, 'builder');
	},
	equality: async (event) => {
		const user = requireStaff(event);
		const { survey } = surveyOr404(getDb(), event.params.id);
		const include = (await readForm(event.request)).get('include') === 'yes';
		const edit = include ? withEqualityMonitoring : withoutEqualityMonitoring;
		return save(user, survey.id, edit, 'equality');
	}
};
