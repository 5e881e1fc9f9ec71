import { describe, expect, test } from 'vitest';
import {
	overdueActions,
	responseCounts,
	reviewStage,
	type StageInput
} from '../../../../src/lib/domain/scrutiny/stage';

const rec = (
	response: StageInput['recommendations'][number]['response'],
	...actions: StageInput['recommendations'][number]['actions']
) => ({ response, actions });

describe('reviewStage', () => {
	test('a review not yet submitted is the panel’s, whatever it holds', () => {
		expect(reviewStage({ submitted: false, recommendations: [] })).toBe('in-progress');
		expect(reviewStage({ submitted: false, recommendations: [rec('accepted')] })).toBe(
			'in-progress'
		);
	});

	test('one unanswered recommendation keeps it awaiting the response', () => {
		const review = {
			submitted: true,
			recommendations: [rec('rejected'), rec(null), rec('accepted')]
		};
		expect(reviewStage(review)).toBe('awaiting-response');
	});

	test('an accepted recommendation without an action is not yet complete', () => {
		expect(reviewStage({ submitted: true, recommendations: [rec('accepted')] })).toBe(
			'actions-under-way'
		);
		expect(reviewStage({ submitted: true, recommendations: [rec('partly')] })).toBe(
			'actions-under-way'
		);
	});

	test('an unfinished action keeps it under way', () => {
		const review = {
			submitted: true,
			recommendations: [
				rec('accepted', { status: 'done', dueOn: '2026-01-01' }),
				rec('partly', { status: 'in-progress', dueOn: '2026-01-01' })
			]
		};
		expect(reviewStage(review)).toBe('actions-under-way');
	});

	test('complete when every accepted recommendation’s actions are done or not possible', () => {
		const review = {
			submitted: true,
			recommendations: [
				rec('accepted', { status: 'done', dueOn: '2026-01-01' }),
				rec('partly', { status: 'not-possible', dueOn: '2026-01-01' }),
				rec('rejected')
			]
		};
		expect(reviewStage(review)).toBe('complete');
	});

	test('all rejected needs nothing more once answered', () => {
		expect(reviewStage({ submitted: true, recommendations: [rec('rejected')] })).toBe('complete');
	});
});

describe('overdueActions', () => {
	const review = {
		submitted: true,
		recommendations: [
			rec(
				'accepted',
				{ status: 'planned', dueOn: '2026-11-30' },
				{ status: 'in-progress', dueOn: '2026-12-01' },
				{ status: 'planned', dueOn: '2026-12-02' },
				{ status: 'done', dueOn: '2026-01-01' }
			),
			rec('partly', { status: 'not-possible', dueOn: '2026-01-01' })
		]
	};
	test('counts unfinished actions due before today, not those due today or finished', () => {
		expect(overdueActions(review, '2026-12-02')).toBe(2);
		expect(overdueActions(review, '2026-12-03')).toBe(3);
		expect(overdueActions(review, '2026-11-30')).toBe(0);
	});
});

describe('responseCounts', () => {
	test('counts each answer and those still awaited', () => {
		const review = {
			submitted: true,
			recommendations: [rec('accepted'), rec('accepted'), rec('partly'), rec(null), rec('rejected')]
		};
		expect(responseCounts(review)).toEqual({ accepted: 2, partly: 1, rejected: 1, awaiting: 1 });
	});
});
