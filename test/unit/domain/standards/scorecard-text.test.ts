import { describe, expect, test } from 'vitest';
import {
	basisText,
	changeText,
	figureCell,
	figureText,
	type ScorecardRow
} from '../../../../src/lib/domain/standards/scorecard-text';

const row = (
	unit: ScorecardRow['unit'],
	current: ScorecardRow['current'],
	previous: ScorecardRow['previous'],
	better: ScorecardRow['better'] = 'higher'
): ScorecardRow => ({
	key: 'x',
	label: 'X',
	unit,
	better,
	definition: '',
	current,
	previous
});

describe('scorecard wording', () => {
	test('each unit is written its own way, rounded half away from zero', () => {
		expect(
			figureText(
				row('percent', { value: 62.45, n: 9 }, { value: null }),
				{ value: 62.45, n: 9 },
				null
			)
		).toBe('62.5%');
		expect(figureText(row('nps', { value: 20 }, { value: null }), { value: 20, n: 10 }, null)).toBe(
			'+20.0'
		);
		expect(
			figureText(row('nps', { value: -0.04 }, { value: null }), { value: -0.04, n: 10 }, null)
		).toBe('0.0');
		expect(
			figureText(
				row('per-1000', { value: 21.125 }, { value: null }),
				{ value: 21.125, numerator: 169, denominator: 8000 },
				null
			)
		).toBe('21.1');
		expect(figureText(row('count', { value: 1234 }, { value: null }), { value: 1234 }, null)).toBe(
			'1,234'
		);
	});

	test('nothing to count, and a hidden figure, say so in words', () => {
		const r = row('percent', { value: null, numerator: 0, denominator: 0 }, { value: null });
		expect(figureText(r, r.current, 5)).toBe('None in the year');
		expect(figureText(r, { value: null, suppressed: true }, 5)).toBe(
			'Fewer than 5 answers: not shown'
		);
		expect(basisText(r, { value: null, suppressed: true })).toBe('');
	});

	test('what a figure rests on', () => {
		expect(basisText(row('percent', { value: 1 }, { value: 1 }), { value: 50, n: 1234 })).toBe(
			'n = 1,234'
		);
		expect(
			basisText(row('per-1000', { value: 1 }, { value: 1 }), {
				value: 2.5,
				numerator: 20,
				denominator: 8000
			})
		).toBe('20 of 8,000 homes');
		expect(
			basisText(row('percent', { value: 1 }, { value: 1 }), {
				value: 50,
				numerator: 2,
				denominator: 4
			})
		).toBe('2 of 4');
	});

	test('change: direction by which way is better; hidden either year shows nothing', () => {
		expect(changeText(row('per-1000', { value: 15.625 }, { value: 21.125 }, 'lower'))).toBe(
			'Down 5.5 (better)'
		);
		expect(changeText(row('percent', { value: 80.83 }, { value: 82.84 }))).toBe(
			'Down 2.0 percentage points (worse)'
		);
		expect(changeText(row('count', { value: 70 }, { value: 137 }))).toBe('Down 67 (worse)');
		expect(changeText(row('percent', { value: 50, n: 9 }, { value: null, suppressed: true }))).toBe(
			'Not shown'
		);
		expect(changeText(row('percent', { value: null, suppressed: true }, { value: 50, n: 9 }))).toBe(
			'Not shown'
		);
	});

	test('a spreadsheet gets numbers as shown, and words where there is no number', () => {
		const r = row('percent', { value: 71.428571, n: 7 }, { value: null, suppressed: true });
		expect(figureCell(r, r.current, 5)).toBe(71.4);
		expect(figureCell(r, r.previous, 5)).toBe('Fewer than 5 answers: not shown');
		const nps = row('nps', { value: -12.35, n: 40 }, { value: null, n: 0 });
		expect(figureCell(nps, nps.current, null)).toBe(-12.4);
		expect(figureCell(nps, nps.previous, null)).toBe('None in the year');
	});
});
