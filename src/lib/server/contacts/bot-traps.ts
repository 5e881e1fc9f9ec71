import { newReference } from '.';

/** A person takes longer than this to read the form and type something. */
export const MINIMUM_FILL_MS = 3000;

export function formStartedStamp(now = Date.now()): string {
	return String(now);
}

/**
 * True when a submission looks automated: the hidden "website" field was filled in, or the form
 * came back faster than a person could fill it (or without the stamp it was served with).
 */
export function caughtByBotTraps(
	fields: { website?: string; startedAt?: string },
	now = Date.now()
): boolean {
	if (fields.website && fields.website.trim() !== '') return true;
	const started = Number(fields.startedAt);
	if (!Number.isSafeInteger(started) || started <= 0) return true;
	return now - started < MINIMUM_FILL_MS;
}

/** What a trapped bot is shown: a reference like a real one, matching nothing. */
export const decoyReference = newReference;
