import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { summariseAnswers } from '$lib/domain/survey';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import {
	answersOf,
	newSubmissionId,
	problemsOf,
	submissionDigest,
	submitResponse,
	UUID_PATTERN
} from '$lib/server/surveys/responding';
import { staffResponseOr404 } from '$lib/server/surveys/staff-guard';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms/parse';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const context = staffResponseOr404(db, event.params.id, event.params.response);
	if (context.response.status === 'submitted')
		return {
			surveyTitle: context.survey.title,
			reference: context.response.reference,
			rows: [],
			submissionId: '',
			digest: ''
		};
	const answers = answersOf(db, context.response.id);
	return {
		surveyTitle: context.survey.title,
		reference: null,
		rows: summariseAnswers(context.version.definition, answers).map((r) => ({
			pageId: r.pageId,
			questionId: r.question.id,
			text: r.question.text,
			lines: r.lines,
			field: r.field
		})),
		submissionId: newSubmissionId(),
		digest: submissionDigest(context.version.definition, answers, { enteredByStaff: true })
	};
};

const submitSchema = z.object({
	submissionId: z.string().regex(UUID_PATTERN),
	digest: z.string().regex(/^[0-9a-f]{64}$/)
});

export const actions: Actions = {
	default: async (event) => {
		requireStaff(event);
		const db = getDb();
		const context = staffResponseOr404(db, event.params.id, event.params.response);
		const parsed = submitSchema.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success)
			error(400, 'This form could not be sent. Check the answers and try again.');
		const result = submitResponse(db, context.response.id, parsed.data, { enteredByStaff: true });
		const base = `/admin/surveys/${event.params.id}/responses/${event.params.response}`;
		if (result.outcome === 'submitted' || result.outcome === 'already-submitted')
			redirect(303, `${base}/check`);
		if (result.outcome === 'invalid')
			return fail(400, { message: null, problems: problemsOf(result.errors) });
		if (result.outcome === 'changed')
			return fail(409, {
				message: 'The answers changed since this page was shown. Check them again.',
				problems: []
			});
		error(409, 'These answers have already been sent');
	}
};
