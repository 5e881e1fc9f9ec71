import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	AccountError,
	actorOf,
	changeRole,
	getUser,
	roleLabels,
	setUserActive
} from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { idParam } from '$lib/server/http/params';
import { roles } from '$lib/server/db/schema';
import { parseForm, readForm } from '$lib/server/forms/parse';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdmin(event);
	const found = getUser(getDb(), idParam(event.params.id));
	if (!found) error(404, 'Page not found');
	const { passwordHash, ...account } = found;
	return {
		account: { ...account, hasPassword: passwordHash !== null },
		roleLabels,
		isSelf: found.id === event.locals.user?.id
	};
};

async function update(
	event: Parameters<Actions[string]>[0],
	change: (actor: ReturnType<typeof actorOf>, id: number, form: FormData) => void
) {
	const admin = requireAdmin(event);
	const id = idParam(event.params.id ?? '');
	if (!getUser(getDb(), id)) error(404, 'Page not found');
	try {
		change(actorOf(admin), id, await readForm(event.request));
	} catch (e) {
		if (e instanceof AccountError) return fail(400, { errors: { [e.field ?? 'role']: e.message } });
		throw e;
	}
	redirect(303, `/admin/users/${id}?saved=1`);
}

export const actions: Actions = {
	role: (event) =>
		update(event, (actor, id, form) => {
			const parsed = parseForm(z.object({ role: z.enum(roles, { error: 'Select a role' }) }), form);
			if (!parsed.ok) throw new AccountError(parsed.errors.role ?? 'Select a role', 'role');
			changeRole(getDb(), actor, id, parsed.data.role);
		}),
	deactivate: (event) => update(event, (actor, id) => setUserActive(getDb(), actor, id, false)),
	reactivate: (event) => update(event, (actor, id) => setUserActive(getDb(), actor, id, true))
};
