import { z } from 'zod';
import { isLocalDate } from '$lib/domain/calendar/london-date';
import { isLocalTime, londonInstant } from '$lib/domain/calendar/london-time';
import { normaliseText } from '$lib/domain/survey/text';
import { ComplaintError } from './errors';

/** A London calendar date typed as YYYY-MM-DD (the browser's date picker sends this). */
export const dateField = (label: string) =>
	z
		.string({ error: `Enter ${label}` })
		.trim()
		.min(1, `Enter ${label}`)
		.refine(isLocalDate, `Enter ${label} as a real date, like 2026-12-24`);

export const timeField = (label: string) =>
	z
		.string({ error: `Enter ${label}` })
		.trim()
		.min(1, `Enter ${label}`)
		.refine(isLocalTime, `Enter ${label} on the 24-hour clock, like 14:30`);

/**
 * Free text as typed, cleaned the way survey answers are: control characters and lone surrogate
 * halves dropped, line endings made \n, NFC, trimmed. Chain the rest of the rules on to it.
 */
export const cleanText = (params?: Parameters<typeof z.string>[0]) =>
	z.string(params).overwrite((v) => normaliseText(v));

export const optionalText = (label: string, max = 4000) =>
	cleanText()
		.max(max, `${label} must be ${max} characters or fewer`)
		.optional()
		.transform((v) => (v ? v : null));

export const idField = (message: string) =>
	z.string({ error: message }).trim().regex(/^\d+$/, message).transform(Number);

export const optionalIdField = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null));

/** Pounds and pence as typed ("50", "50.00", "£1,250.50") → whole pence. */
export const moneyField = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ?? '').replace(/[£,\s]/g, ''))
	.refine(
		(v) => v === '' || /^\d{1,7}(\.\d{1,2})?$/.test(v),
		'Enter compensation in pounds, like 50 or 50.00'
	)
	.transform((v) => (v === '' ? null : Math.round(Number(v) * 100)));

// A few minutes of slack for a clock a little ahead of the server's.
const FUTURE_SLACK_MS = 5 * 60_000;

/** The UTC instant of a London date and time typed in a form; refused if it is still to come. */
export function instantFromForm(
	date: string,
	time: string,
	field: string,
	what: string,
	now = new Date()
): Date {
	const instant = londonInstant(date, time);
	if (instant.getTime() > now.getTime() + FUTURE_SLACK_MS)
		throw new ComplaintError(field, `${what} cannot be in the future`);
	return instant;
}
