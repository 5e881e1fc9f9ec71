import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { FieldError } from './field-error';
import { keptValues, parseForm, readForm } from './parse';

/**
 * Parses a form and runs one command. Returns the `fail(400, …)` to send back — bad input or a
 * refused change, with the message next to its field and what was typed kept — or null when done.
 * `form` names which of a page's forms it was, so the page re-opens that one.
 */
export async function runFormAction<S extends z.ZodType>(
	request: Request,
	schema: S,
	work: (data: z.output<S>, form: FormData) => unknown,
	form = 'default'
) {
	const data = await readForm(request);
	const parsed = parseForm(schema, data);
	if (!parsed.ok) return fail(400, { form, errors: parsed.errors, values: parsed.values });
	try {
		work(parsed.data, data);
	} catch (e) {
		if (!(e instanceof FieldError)) throw e;
		const raw: Record<string, string | string[]> = {};
		for (const [key, value] of data.entries()) {
			if (typeof value !== 'string') continue;
			const existing = raw[key];
			raw[key] = existing === undefined ? value : [existing, value].flat();
		}
		return fail(400, { form, errors: { [e.field]: e.message }, values: keptValues(raw) });
	}
	return null;
}
