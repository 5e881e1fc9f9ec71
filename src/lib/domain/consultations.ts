import { slugify } from './slug';

/**
 * "You said, we did": the rules that decide what the public sees and who is told what. Pure, so
 * the server and the tests share one definition.
 */

export const CONSULTATION_STATUS_LABELS = {
	forthcoming: 'Forthcoming',
	open: 'Open',
	closed: 'Closed',
	analysing: 'Analysing responses',
	'outcome-published': 'Outcome published'
} as const;

export const ACTION_STATUS_LABELS = {
	planned: 'Planned',
	'in-progress': 'In progress',
	done: 'Done',
	'not-possible': 'Not possible'
} as const;

export type ActionStatusKey = keyof typeof ACTION_STATUS_LABELS;
export type NotificationEventKey = 'published' | 'done';

export interface ActionVisibility {
	/** Published now (null while unpublished). */
	actionPublishedAt: Date | null;
	consultationPublishedAt: Date | null;
	/** Published for the first time; kept when unpublished, so republishing is not news again. */
	actionFirstPublishedAt?: Date | null;
	consultationFirstPublishedAt?: Date | null;
	status: ActionStatusKey;
	/** When the action was last marked done; null unless it is done. */
	doneAt: Date | null;
}

const later = (a: Date, b: Date) => (a > b ? a : b);

/**
 * When the action first became news: the first time both it and its consultation had been
 * published. Null while either is unpublished now.
 */
export function publicSince(action: ActionVisibility): Date | null {
	if (!action.actionPublishedAt || !action.consultationPublishedAt) return null;
	return later(
		action.actionFirstPublishedAt ?? action.actionPublishedAt,
		action.consultationFirstPublishedAt ?? action.consultationPublishedAt
	);
}

/**
 * The events a confirmed subscriber is still owed an email about. A subscriber hears of an event
 * only if they had confirmed by the time it happened (someone who subscribes later reads the page,
 * not a backlog of mail), and never twice: `alreadyTold` holds the events already mailed.
 * Publishing an action that is already done is one event, told in one email, and counts as both.
 */
export function eventsOwed(
	action: ActionVisibility,
	subscriberConfirmedAt: Date,
	alreadyTold: ReadonlySet<NotificationEventKey>
): NotificationEventKey[] {
	const since = publicSince(action);
	if (!since) return [];
	const owed: NotificationEventKey[] = [];
	const doneAt = action.status === 'done' ? action.doneAt : null;
	if (!alreadyTold.has('published') && subscriberConfirmedAt <= since) owed.push('published');
	if (
		doneAt &&
		!alreadyTold.has('done') &&
		subscriberConfirmedAt <= (doneAt > since ? doneAt : since)
	)
		owed.push('done');
	return owed;
}

/** A consultation's web address part, from its title. */
export const slugFromTitle = (title: string) => slugify(title, 'consultation');

/**
 * Staff text shown as paragraphs: a blank line starts a new one. The result is plain strings for
 * the page to print as text, never markup.
 */
export function paragraphs(text: string): string[] {
	return text
		.split(/\r?\n\s*\r?\n/)
		.map((p) => p.trim())
		.filter((p) => p.length > 0);
}

/** The reporting year used by the public filter: the calendar year an action is due or was done. */
export function actionYear(action: { completedOn: string | null; dueOn: string | null }) {
	const date = action.completedOn ?? action.dueOn;
	return date ? Number(date.slice(0, 4)) : null;
}

/**
 * A count shown to the public, or null where it rests on fewer people than the minimum group
 * size (reference/measures.md): "fewer than k" is all that is said.
 */
export function publicCount(n: number, k: number): number | null {
	return n >= k ? n : null;
}
