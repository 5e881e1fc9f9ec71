import { z } from 'zod';
import { isLocalDate, londonDate } from '$lib/domain/calendar/london-date';

/** Form fields shared by the staff and panel forms; each message says what to fix. */

export const optionalText = (label: string, max: number) =>
	z
		.string()
		.trim()
		.max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
		.default('');

export const optionalId = (message: string) =>
	z
		.string()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || (Number.isSafeInteger(v) && v > 0), message);

export const requiredId = (message: string) =>
	z
		.string({ error: message })
		.min(1, message)
		.transform(Number)
		.refine((v) => Number.isSafeInteger(v) && v > 0, message);

export const dateField = (label: string) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			if (!isLocalDate(v)) {
				ctx.addIssue({ code: 'custom', message: `${label} must be a real date, like 2026-12-01` });
				return z.NEVER;
			}
			return v;
		});

export const requiredDate = (label: string) =>
	dateField(label).refine((v) => v !== null, `Enter ${label.toLowerCase()}`);

/** Something that has happened: today (in London) at the latest. */
export const pastDate = <T extends z.ZodType<string | null>>(field: T, label: string) =>
	field.refine(
		(v) => v === null || v <= londonDate(new Date()),
		`${label} cannot be in the future`
	);

/** Checkbox groups arrive as nothing, one value or several. */
export const idList = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
	.transform((list) => [...new Set(list.filter((s) => s !== '').map(Number))])
	.refine((list) => list.every((n) => Number.isSafeInteger(n) && n > 0), 'Choose from the list');

export const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'yes');
