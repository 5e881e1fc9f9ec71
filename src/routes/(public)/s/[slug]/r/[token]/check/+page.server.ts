import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { summariseAnswers } from '$lib/domain/survey';
import { getDb } from '$lib/server/db';
import { readForm } from '$lib/server/forms/parse';
import { enforcePublicFormLimit } from '$lib/server/http/rate-limit';
import {
	answersOf,
	discardResponse,
	HONEYPOT_FIELD,
	newSubmissionId,
	submissionDigest,
	problemsOf,
	submitResponse,
	UUID_PATTERN
} from '$lib/server/surveys/responding';
import { respondentContext } from '$lib/server/surveys/respondent';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const context = respondentContext(db, params.slug, params.token);
	const answers = answersOf(db, context.response.id);
	return {
		surveyTitle: context.survey.title,
		rows: summariseAnswers(context.version.definition, answers).map((r) => ({
			pageId: r.pageId,
			questionId: r.question.id,
			text: r.question.text,
			lines: r.lines,
			field: r.field
		})),
		submissionId: newSubmissionId(),
		digest: submissionDigest(context.version.definition, answers)
	};
};

const submitSchema = z.object({
	submissionId: z.string().regex(UUID_PATTERN),
	digest: z.string().regex(/^[0-9a-f]{64}$/)
});

export const actions: Actions = {
	default: async ({ params, request, getClientAddress }) => {
		const db = getDb();
		await enforcePublicFormLimit(getClientAddress());
		const form = await readForm(request);
		const context = respondentContext(db, params.slug, params.token, { allowSubmitted: true });
		const base = `/s/${params.slug}/r/${params.token}`;
		if (String(form.get(HONEYPOT_FIELD) ?? '') !== '') {
			discardResponse(db, context.response.id);
			redirect(303, '/survey-thanks');
		}
		const parsed = submitSchema.safeParse(Object.fromEntries(form));
		if (!parsed.success)
			error(400, 'This form could not be sent. Check your answers and try again.');
		const result = submitResponse(db, context.response.id, parsed.data);
		switch (result.outcome) {
			case 'submitted':
			case 'already-submitted':
				redirect(303, `${base}/done`);
			// falls through: redirect throws
			case 'answered-elsewhere':
				error(409, 'You have already answered this survey');
			// falls through: error throws
			case 'changed':
				return fail(409, {
					message:
						'Your answers changed since this page was shown (perhaps in another tab). Check them again, then send them.',
					problems: []
				});
			case 'invalid':
				return fail(400, { message: null, problems: problemsOf(result.errors) });
		}
	}
};
