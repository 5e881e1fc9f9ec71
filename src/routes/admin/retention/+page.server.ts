import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf } from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import { runFormAction } from '$lib/server/forms/form-action';
import {
	applyRetention,
	getRetentionPolicy,
	retentionDue,
	retentionSchema,
	updateRetentionPolicy
} from '$lib/server/privacy/retention';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	const policy = getRetentionPolicy(getDb());
	const blankOr = (n: number | null) => (n === null ? '' : String(n));
	return {
		values: {
			contactMonths: blankOr(policy.contactMonths),
			complaintMonths: blankOr(policy.complaintMonths),
			responseMonths: blankOr(policy.responseMonths)
		},
		due: retentionDue(getDb())
	};
};

export const actions: Actions = {
	save: async (event) => {
		const admin = requireAdmin(event);
		const parsed = parseForm(retentionSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		updateRetentionPolicy(getDb(), actorOf(admin), parsed.data);
		redirect(303, '/admin/retention?saved=1');
	},
	apply: async (event) => {
		const admin = requireAdmin(event);
		let done = { contactMonths: 0, complaintMonths: 0, responseMonths: 0 };
		const failure = await runFormAction(event.request, z.object({}), () => {
			done = applyRetention(getDb(), actorOf(admin));
		});
		if (failure) return failure;
		const counts = new URLSearchParams({
			contacts: String(done.contactMonths),
			complaints: String(done.complaintMonths),
			responses: String(done.responseMonths)
		});
		redirect(303, `/admin/retention?applied=1&${counts}`);
	}
};
