import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { runFormAction } from '$lib/server/forms/form-action';
import { setCommentApproval } from '$lib/server/results/comments';
import { loadResultsPage } from '$lib/server/results/page-data';
import { listThemes, suggestThemes, tagComments, ThemeError } from '$lib/server/results/themes';
import { replySchema } from '$lib/server/scrutiny/remark-schemas';
import { listRemarks, replyToRemark } from '$lib/server/scrutiny/remarks';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms/parse';

export const load: PageServerLoad = (event) => {
	const user = requireStaff(event);
	const db = getDb();
	const { survey, version } = surveyOr404(db, event.params.id);
	const page = loadResultsPage(
		db,
		survey,
		version,
		event.url,
		user.role === 'admin' ? 'admin' : 'staff'
	);
	const themes = listThemes(db, { activeOnly: true });
	const comments = page.comments && {
		...page.comments,
		comments: page.comments.comments.map((c) => ({
			...c,
			suggested: suggestThemes(c.text, themes)
		}))
	};
	return {
		...page,
		comments,
		themes: themes.map((t) => ({ id: t.id, name: t.name })),
		remarks: listRemarks(db, survey.id)
	};
};

const approvalSchema = z.object({
	comment: z
		.array(z.string().regex(/^\d{1,15}:[\w-]{1,100}$/))
		.max(200)
		.catch([]),
	decision: z.enum(['approve', 'withdraw', 'tag']),
	theme: z.coerce.number().int().positive().optional().catch(undefined)
});

/**
 * The results page as it was before a form was sent: its filters kept, the form action's own
 * `?/name` dropped, and anything the page should now say added.
 */
function backToResults(url: URL, add: Record<string, string> = {}, hash = '') {
	const params = new URLSearchParams(url.search);
	for (const key of [...params.keys()]) if (key.startsWith('/')) params.delete(key);
	for (const [key, value] of Object.entries(add)) params.set(key, value);
	const query = params.toString();
	return `${url.pathname}${query ? `?${query}` : ''}${hash}`;
}

export const actions: Actions = {
	approve: async (event) => {
		const user = requireStaff(event);
		const db = getDb();
		const { survey } = surveyOr404(db, event.params.id);
		const form = await readForm(event.request);
		const parsed = approvalSchema.safeParse({
			comment: form.getAll('comment'),
			decision: form.get('decision'),
			theme: form.get('theme')
		});
		if (!parsed.success || parsed.data.comment.length === 0)
			return fail(400, { approvalError: 'Select at least one comment' });
		const items = parsed.data.comment.map((c) => {
			const [responseId, questionId] = c.split(':');
			return { responseId: Number(responseId), questionId: questionId! };
		});
		if (parsed.data.decision === 'tag') {
			if (!parsed.data.theme) return fail(400, { approvalError: 'Choose a theme' });
			try {
				tagComments(db, actorOf(user), survey.id, parsed.data.theme, items);
			} catch (e) {
				if (e instanceof ThemeError) return fail(400, { approvalError: e.message });
				throw e;
			}
		} else
			setCommentApproval(db, actorOf(user), survey.id, items, parsed.data.decision === 'approve');
		redirect(303, backToResults(event.url));
	},
	reply: async (event) => {
		const user = requireStaff(event);
		const db = getDb();
		const { survey } = surveyOr404(db, event.params.id);
		const failure = await runFormAction(
			event.request,
			replySchema,
			(data) => replyToRemark(db, actorOf(user), survey.id, data.remarkId, data.reply),
			'reply'
		);
		if (failure) return failure;
		redirect(303, backToResults(event.url, { replied: '1' }, '#remarks'));
	}
};
