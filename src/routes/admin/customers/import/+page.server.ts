import { error, fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import {
	confirmImport,
	getImport,
	decodeCsvFile,
	IMPORT_COLUMNS,
	MAX_IMPORT_BYTES,
	previewImport
} from '$lib/server/customers/import';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/forms/parse';

export const load: PageServerLoad = (event) => {
	const staff = requireStaff(event);
	const id = event.url.searchParams.get('preview');
	const preview = id ? getImport(getDb(), id, staff.id) : undefined;
	if (id && !preview) error(404, 'Page not found');
	return {
		columns: IMPORT_COLUMNS,
		preview: preview && {
			id: preview.id,
			fileName: preview.fileName,
			problems: preview.problems,
			newRows: preview.rows.filter((r) => !r.matchId).length,
			matchedRows: preview.rows.filter((r) => r.matchId).length,
			columns: preview.columns ?? [...IMPORT_COLUMNS]
		},
		done: event.url.searchParams.get('imported')
	};
};

export const actions: Actions = {
	upload: async (event) => {
		const staff = requireStaff(event);
		const form = await readForm(event.request);
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { errors: { file: 'Select a CSV file' } });
		if (file.size > MAX_IMPORT_BYTES)
			return fail(400, { errors: { file: 'The file must be smaller than 2 MB' } });
		const text = decodeCsvFile(new Uint8Array(await file.arrayBuffer()));
		const result = previewImport(getDb(), actorOf(staff), file.name, text);
		if ('error' in result) return fail(400, { errors: { file: result.error } });
		redirect(303, `/admin/customers/import?preview=${result.id}`);
	},
	confirm: async (event) => {
		const staff = requireStaff(event);
		const id = String((await readForm(event.request)).get('id') ?? '');
		const result = confirmImport(getDb(), actorOf(staff), id);
		if (!result)
			return fail(400, { errors: { file: 'This preview has expired: upload the file again' } });
		redirect(303, `/admin/customers/import?imported=${result.created}-${result.updated}`);
	}
};
