import { describe, expect, test } from 'vitest';
import {
	actionYear,
	eventsOwed,
	paragraphs,
	publicCount,
	publicSince,
	slugFromTitle,
	type ActionVisibility
} from '$lib/domain/consultations';

const at = (iso: string) => new Date(iso);
const published = (overrides: Partial<ActionVisibility> = {}): ActionVisibility => ({
	actionPublishedAt: at('2026-11-10T10:00:00Z'),
	consultationPublishedAt: at('2026-11-01T09:00:00Z'),
	status: 'planned',
	doneAt: null,
	...overrides
});
const none = new Set<'published' | 'done'>();

describe('when the public could first see an action', () => {
	test('only once both the action and its consultation are published, at the later of the two', () => {
		expect(publicSince(published())).toEqual(at('2026-11-10T10:00:00Z'));
		expect(publicSince(published({ consultationPublishedAt: at('2026-11-20T08:00:00Z') }))).toEqual(
			at('2026-11-20T08:00:00Z')
		);
		expect(publicSince(published({ consultationPublishedAt: null }))).toBeNull();
		expect(publicSince(published({ actionPublishedAt: null }))).toBeNull();
	});

	test('unpublishing and publishing again does not make it news again', () => {
		const republished = published({
			actionPublishedAt: at('2026-11-25T10:00:00Z'),
			actionFirstPublishedAt: at('2026-11-10T10:00:00Z'),
			consultationPublishedAt: at('2026-11-26T10:00:00Z'),
			consultationFirstPublishedAt: at('2026-11-01T09:00:00Z')
		});
		expect(publicSince(republished)).toEqual(at('2026-11-10T10:00:00Z'));
		// Someone who confirmed between the first publication and the second is owed nothing.
		expect(eventsOwed(republished, at('2026-11-20T00:00:00Z'), none)).toEqual([]);
	});
});

describe('what a subscriber is owed', () => {
	const early = at('2026-10-30T12:00:00Z');

	test('nothing while the action is not public', () => {
		expect(eventsOwed(published({ actionPublishedAt: null }), early, none)).toEqual([]);
		expect(eventsOwed(published({ consultationPublishedAt: null }), early, none)).toEqual([]);
	});

	test('news of publication once, to those who had confirmed by then', () => {
		expect(eventsOwed(published(), early, none)).toEqual(['published']);
		expect(eventsOwed(published(), early, new Set(['published'] as const))).toEqual([]);
		expect(eventsOwed(published(), at('2026-11-10T10:00:01Z'), none)).toEqual([]);
		// Confirming in the very instant it was published still counts.
		expect(eventsOwed(published(), at('2026-11-10T10:00:00Z'), none)).toEqual(['published']);
	});

	test('news that it is done once, after the publication news', () => {
		const done = published({ status: 'done', doneAt: at('2026-12-01T15:00:00Z') });
		expect(eventsOwed(done, early, new Set(['published'] as const))).toEqual(['done']);
		expect(eventsOwed(done, early, new Set(['published', 'done'] as const))).toEqual([]);
		// Someone who confirmed between publication and completion hears only that it is done.
		expect(eventsOwed(done, at('2026-11-20T00:00:00Z'), none)).toEqual(['done']);
		expect(eventsOwed(done, at('2026-12-02T00:00:00Z'), none)).toEqual([]);
	});

	test('a done date left behind after the status moved on owes nothing', () => {
		const reopened = published({ status: 'in-progress', doneAt: at('2026-12-01T15:00:00Z') });
		expect(eventsOwed(reopened, early, new Set(['published'] as const))).toEqual([]);
	});

	test('an action done before it was published is news of both at publication', () => {
		const doneFirst = published({ status: 'done', doneAt: at('2026-11-05T10:00:00Z') });
		expect(eventsOwed(doneFirst, early, none)).toEqual(['published', 'done']);
		expect(eventsOwed(doneFirst, at('2026-11-08T00:00:00Z'), none)).toEqual(['published', 'done']);
	});
});

describe('what the public is shown', () => {
	test('counts under the minimum group size are withheld', () => {
		expect(publicCount(5, 5)).toBe(5);
		expect(publicCount(4, 5)).toBeNull();
		expect(publicCount(0, 5)).toBeNull();
		expect(publicCount(12, 10)).toBe(12);
	});

	test('staff text becomes paragraphs of plain text at blank lines', () => {
		expect(paragraphs('First line\nstill first\n\n  Second <b>x</b>\r\n\r\nThird')).toEqual([
			'First line\nstill first',
			'Second <b>x</b>',
			'Third'
		]);
		expect(paragraphs('   \n\n ')).toEqual([]);
	});

	test('web addresses come from titles', () => {
		expect(slugFromTitle('Repairs appointments: have your say!')).toBe(
			'repairs-appointments-have-your-say'
		);
		expect(slugFromTitle('Café & naïve résumé')).toBe('cafe-naive-resume');
		expect(slugFromTitle('!!!')).toBe('consultation');
	});

	test('an action’s year is the year it was done, else the year it is due', () => {
		expect(actionYear({ completedOn: '2025-12-31', dueOn: '2026-01-15' })).toBe(2025);
		expect(actionYear({ completedOn: null, dueOn: '2027-03-31' })).toBe(2027);
		expect(actionYear({ completedOn: null, dueOn: null })).toBeNull();
	});
});
