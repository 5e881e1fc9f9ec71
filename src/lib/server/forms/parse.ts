import { error } from '@sveltejs/kit';
import { z } from 'zod';

export type FieldErrors = Record<string, string>;

export type Parsed<T> =
	{ ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * The posted form, or a 400 when the body is not form data at all: a text/plain body, broken
 * multipart, no body. Those fail with a TypeError; anything else gets through as it is, such as
 * the 413 that a body over BODY_SIZE_LIMIT fails with while it is being read.
 */
export async function readForm(request: Request): Promise<FormData> {
	// A body already read is a bug here, not a bad request, so it must not become a 400.
	if (request.bodyUsed) return request.formData();
	try {
		return await request.formData();
	} catch (e) {
		if (!(e instanceof TypeError)) throw e;
		error(400, 'The form could not be read. Go back and send it again.');
	}
}

/**
 * Turns FormData into the schema's data, or into one message per field plus what the person
 * typed (never passwords), for `fail(400, { errors, values })`.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): Parsed<z.output<S>> {
	const raw: Record<string, string | string[]> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		const existing = raw[key];
		if (existing === undefined) raw[key] = value;
		else raw[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors, values: keptValues(raw) };
}

export function keptValues(raw: Record<string, string | string[]>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(raw)
			.filter(([key]) => !/password/i.test(key))
			.map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : value])
	);
}

export const emailField = z
	.string({ error: 'Enter an email address' })
	.trim()
	.min(1, 'Enter an email address')
	.max(254, 'Email address must be 254 characters or fewer')
	.pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }))
	.transform((v) => v.toLowerCase());

export const requiredText = (label: string, max = 200) =>
	z
		.string({ error: `Enter ${label}` })
		.trim()
		.min(1, `Enter ${label}`)
		.max(max, `${capitalise(label)} must be ${max} characters or fewer`);

export const wholeNumber = (label: string, min: number, max: number) =>
	z
		.string({ error: `Enter ${label}` })
		.trim()
		.min(1, `Enter ${label}`)
		.regex(/^\d+$/, `${capitalise(label)} must be a whole number, like 5`)
		.transform(Number)
		.refine((n) => n >= min && n <= max, `${capitalise(label)} must be between ${min} and ${max}`);

function capitalise(text: string) {
	return text.replace(/^(the |an? )/, '').replace(/^./, (c) => c.toUpperCase());
}
