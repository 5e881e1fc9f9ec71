import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { keptValues, parseForm } from '../forms/parse';
import { ComplaintError } from './errors';

/**
 * Parses a form and runs one command. Returns the `fail(400, …)` to send back — bad input or a
 * refused change, with the message next to its field and what was typed kept — or null when done.
 * `form` names which of a page's forms it was, so the page re-opens that one.
 */
export async function runFormAction<S extends z.ZodType>(
	request: Request,
	schema: S,
	work: (data: z.output<S>) => unknown,
	form = 'default'
) {
	const data = await request.formData();
	const parsed = parseForm(schema, data);
	if (!parsed.ok) return fail(400, { form, errors: parsed.errors, values: parsed.values });
	try {
		work(parsed.data);
	} catch (e) {
		if (!(e instanceof ComplaintError)) throw e;
		const raw: Record<string, string> = {};
		for (const [key, value] of data.entries()) if (typeof value === 'string') raw[key] = value;
		return fail(400, { form, errors: { [e.field]: e.message }, values: keptValues(raw) });
	}
	return null;
}
