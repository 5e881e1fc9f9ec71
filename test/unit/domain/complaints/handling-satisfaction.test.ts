import { describe, expect, test } from 'vitest';
import {
	handlingSatisfactionBreakdown,
	type HandlingResponse
} from '../../../../src/lib/domain/complaints/handling-satisfaction';

function rows(count: number, row: Omit<HandlingResponse, 'overallSatisfaction'>, scores: number[]) {
	return Array.from({ length: count }, (_, i) => ({
		...row,
		overallSatisfaction: scores[i % scores.length]!
	}));
}

const base = { service: 'Repairs', outcome: 'upheld', stage: 1 as const };

describe('satisfaction with complaint handling, on time against late', () => {
	// 8 handled on time: 6 answered 4 or 5 → 75%. 6 handled late: 2 satisfied → 33.3…%.
	const data: HandlingResponse[] = [
		...rows(8, { ...base, onTime: true }, [5, 4, 5, 4, 5, 4, 2, 1]),
		...rows(6, { ...base, onTime: false }, [5, 4, 3, 2, 1, 1]),
		{ ...base, onTime: false, overallSatisfaction: null }
	];

	test('each group has its own n and share satisfied; "don\'t know" is outside the base', () => {
		const result = handlingSatisfactionBreakdown(data, 'timeliness', 5, 'panel', [
			'On time',
			'Late'
		]);
		expect(result.total).toBe(14);
		expect(result.cells.map((c) => [c.key, c.n, c.satisfied])).toEqual([
			['On time', 8, 6],
			['Late', 6, 2]
		]);
		expect(result.cells[0]!.percent).toBe(75);
		expect(result.cells[1]!.percent).toBeCloseTo(33.333, 3);
	});

	test('the panel does not see a late group under the minimum size, nor the one that would reveal it', () => {
		const few: HandlingResponse[] = [
			...rows(9, { ...base, onTime: true }, [5]),
			...rows(3, { ...base, onTime: false }, [1])
		];
		const panel = handlingSatisfactionBreakdown(few, 'timeliness', 5, 'panel', ['On time', 'Late']);
		expect(panel.total).toBe(12);
		// Late (3) is below 5; On time is then hidden too, or Late = 12 − 9 could be worked out.
		expect(panel.cells.map((c) => [c.key, c.hidden, c.percent])).toEqual([
			['On time', true, null],
			['Late', true, null]
		]);
		const staff = handlingSatisfactionBreakdown(few, 'timeliness', 5, 'staff', ['On time', 'Late']);
		expect(staff.cells.map((c) => [c.key, c.n, c.note])).toEqual([
			['On time', 9, 'hidden so that a smaller group cannot be worked out'],
			['Late', 3, 'below minimum group size']
		]);
		expect(staff.cells[1]!.percent).toBe(0);
	});

	test('fewer answers in total than the minimum: nothing shown to the panel', () => {
		const tiny = rows(4, { ...base, onTime: true }, [5]);
		const panel = handlingSatisfactionBreakdown(tiny, 'timeliness', 5, 'panel');
		expect(panel.resultShown).toBe(false);
		expect(panel.cells).toEqual([]);
		expect(panel.notShownMessage).toBe('Fewer than 5 responses: results not shown');
	});

	test('by service, outcome and stage', () => {
		const mixed: HandlingResponse[] = [
			...rows(5, { service: 'Repairs', outcome: 'upheld', stage: 1, onTime: true }, [5]),
			...rows(5, { service: 'Lettings', outcome: 'not-upheld', stage: 2, onTime: true }, [1])
		];
		expect(
			handlingSatisfactionBreakdown(mixed, 'service', 5, 'panel').cells.map((c) => [
				c.key,
				c.percent
			])
		).toEqual([
			['Repairs', 100],
			['Lettings', 0]
		]);
		expect(
			handlingSatisfactionBreakdown(mixed, 'stage', 5, 'panel').cells.map((c) => c.key)
		).toEqual(['Stage 1', 'Stage 2']);
		expect(
			handlingSatisfactionBreakdown(mixed, 'outcome', 5, 'panel').cells.map((c) => c.key)
		).toEqual(['upheld', 'not-upheld']);
	});
});
