import { describe, expect, test } from 'vitest';
import {
	averageFinalScore,
	averageRawScore,
	countsInResults,
	criticalFailureRate,
	isCompatibleChange,
	itemMetRate,
	scoreVisit,
	validateScorecardAnswers,
	type MeasuredItem,
	type ReviewedVisit,
	type ScaleItem,
	type ScorecardAnswers,
	type ScorecardAnswerValue,
	type ScorecardItem,
	type ScorecardSection,
	type ScorecardTemplate,
	type YesNoItem,
	type YesNoNaItem
} from '$lib/domain/scorecard';

// Worked examples below are computed by hand from reference/measures.md, "Mystery-shop scoring":
// item earned = points × (1 yes/pass, 0 no/fail, (v − 1)/4 for scale v); N/A leaves earned and
// possible; section % = Σearned ÷ Σpossible; visit = Σ(weight × section %) ÷ Σ(weights left in).

interface ItemOptions {
	text?: string;
	critical?: boolean;
	evidenceRequired?: boolean;
}

function yesNo(id: string, points: number, options: ItemOptions = {}): YesNoItem {
	return {
		id,
		kind: 'yes-no',
		text: options.text ?? id,
		points,
		critical: options.critical ?? false,
		evidenceRequired: options.evidenceRequired ?? false
	};
}

function yesNoNa(id: string, points: number, options: ItemOptions = {}): YesNoNaItem {
	return { ...yesNo(id, points, options), kind: 'yes-no-na' };
}

function scale(id: string, points: number, text = id): ScaleItem {
	return { id, kind: 'scale', text, points, critical: false, evidenceRequired: false };
}

function measured(
	id: string,
	points: number,
	target: Pick<MeasuredItem, 'threshold' | 'direction' | 'unit'> & { allowNotApplicable?: boolean },
	options: ItemOptions = {}
): MeasuredItem {
	return {
		...yesNo(id, points, options),
		kind: 'measured',
		threshold: target.threshold,
		direction: target.direction,
		unit: target.unit,
		allowNotApplicable: target.allowNotApplicable ?? false
	};
}

function section(id: string, weight: number, items: ScorecardItem[]): ScorecardSection {
	return { id, title: id, weight, items };
}

function given(values: Record<string, ScorecardAnswerValue>): ScorecardAnswers {
	return Object.fromEntries(
		Object.entries(values).map(([id, value]) => [id, { value, comment: null, evidenceCount: 0 }])
	);
}

/** A telephone enquiry scorecard, used by several examples. */
function telephone(passMark: number | null = null): ScorecardTemplate {
	return {
		passMark,
		sections: [
			section('answering', 40, [
				measured(
					'rings',
					2,
					{ threshold: 5, direction: 'at-most', unit: 'rings' },
					{ text: 'Rings before the phone was answered' }
				),
				yesNo('name', 1, { text: 'Did the adviser give their name?' }),
				yesNoNa('hold', 1, { text: 'Was the hold message clear?' })
			]),
			section('handling', 60, [
				scale('understanding', 2, 'How well did the adviser understand the enquiry?'),
				yesNo('identity', 3, {
					text: 'Did the adviser check the caller’s identity before discussing the tenancy?',
					critical: true
				}),
				yesNoNa('callback', 2, { text: 'Was a call back offered when the answer was not known?' })
			])
		]
	};
}

describe('scoreVisit', () => {
	test('a whole telephone visit, worked by hand', () => {
		const result = scoreVisit(
			telephone(80),
			given({
				rings: 4, // 4 ≤ 5: pass → 2
				name: 'yes', // → 1
				hold: 'no', // → 0
				understanding: 4, // 2 × (4 − 1)/4 = 1.5
				identity: 'yes', // → 3
				callback: 'na' // out of both sums
			})
		);
		// Answering: earned 2 + 1 + 0 = 3 of 2 + 1 + 1 = 4 → 75%
		// Handling: earned 1.5 + 3 = 4.5 of 2 + 3 = 5 → 90%
		// Visit: (40 × 75 + 60 × 90) ÷ (40 + 60) = (3000 + 5400) ÷ 100 = 84
		expect(result.sections).toEqual([
			{
				sectionId: 'answering',
				weight: 40,
				earned: 3,
				possible: 4,
				percent: 75,
				included: true,
				effectiveWeight: 0.4
			},
			{
				sectionId: 'handling',
				weight: 60,
				earned: 4.5,
				possible: 5,
				percent: 90,
				included: true,
				effectiveWeight: 0.6
			}
		]);
		expect(result.rawScore).toBeCloseTo(84, 10);
		expect(result.finalScore).toBeCloseTo(84, 10);
		// 84 ≥ pass mark 80
		expect(result.outcome).toBe('pass');
		expect(result.failedItems).toEqual(['hold']);
		expect(result.failedCriticalItems).toEqual([]);
	});

	test.each([
		[1, 0], // 2 × (1 − 1)/4 = 0
		[2, 0.5], // 2 × (2 − 1)/4 = 0.5
		[3, 1], // 2 × (3 − 1)/4 = 1
		[4, 1.5], // 2 × (4 − 1)/4 = 1.5
		[5, 2] // 2 × (5 − 1)/4 = 2
	])('a scale answer of %i on a 2-point item earns %d', (value, earned) => {
		const template: ScorecardTemplate = { sections: [section('s', 1, [scale('manner', 2)])] };
		const result = scoreVisit(template, given({ manner: value }));
		expect(result.items[0]).toMatchObject({ earned, possible: 2, met: null });
		// Section % = earned ÷ 2 × 100, e.g. 1.5 ÷ 2 = 75%
		expect(result.sections[0]?.percent).toBeCloseTo((earned / 2) * 100, 10);
	});

	test('a not applicable item leaves both earned and possible', () => {
		const template: ScorecardTemplate = {
			sections: [
				section('reception', 1, [yesNo('greeted', 2), yesNoNa('lift', 1), yesNo('seated', 1)])
			]
		};
		const result = scoreVisit(template, given({ greeted: 'yes', lift: 'na', seated: 'no' }));
		// earned 2 + 0 = 2, possible 2 + 1 = 3 (the lift's 1 point is out) → 66.67%
		// Counting N/A as a "no" would give 2 of 4 = 50% instead.
		expect(result.sections[0]).toMatchObject({ earned: 2, possible: 3, included: true });
		expect(result.sections[0]?.percent).toBeCloseTo(200 / 3, 10);
		expect(result.rawScore).toBeCloseTo(66.6667, 4);
		expect(result.items[1]).toEqual({
			itemId: 'lift',
			sectionId: 'reception',
			applicable: false,
			earned: 0,
			possible: 0,
			met: null
		});
		expect(result.failedItems).toEqual(['seated']);
	});

	test('a section with nothing applicable is left out and the other weights are rescaled', () => {
		const template: ScorecardTemplate = {
			sections: [
				section('arrival', 50, [yesNo('signage', 4), yesNo('queue', 1)]),
				section('accessibility', 30, [yesNoNa('ramp', 2), yesNoNa('loop', 1)]),
				section('leaving', 20, [yesNo('leaflet', 1), yesNo('thanked', 1)])
			]
		};
		const result = scoreVisit(
			template,
			given({
				signage: 'yes',
				queue: 'no',
				ramp: 'na',
				loop: 'na',
				leaflet: 'yes',
				thanked: 'no'
			})
		);
		// arrival 4 of 5 = 80%; accessibility nothing applicable → out; leaving 1 of 2 = 50%
		// Visit: (50 × 80 + 20 × 50) ÷ (50 + 20) = (4000 + 1000) ÷ 70 = 71.428571…
		// (Keeping accessibility in at 0% would give 5000 ÷ 100 = 50.)
		expect(result.sections[1]).toMatchObject({
			sectionId: 'accessibility',
			earned: 0,
			possible: 0,
			percent: null,
			included: false,
			effectiveWeight: 0
		});
		expect(result.sections[0]?.percent).toBeCloseTo(80, 10);
		expect(result.sections[2]?.percent).toBeCloseTo(50, 10);
		// Rescaled weights: 50 ÷ 70 = 5/7 and 20 ÷ 70 = 2/7
		expect(result.sections[0]?.effectiveWeight).toBeCloseTo(5 / 7, 10);
		expect(result.sections[2]?.effectiveWeight).toBeCloseTo(2 / 7, 10);
		expect(result.rawScore).toBeCloseTo(71.428571, 5);
		expect(result.outcome).toBe('pass');
	});

	describe('measured facts (inclusive threshold)', () => {
		const ringsTemplate: ScorecardTemplate = {
			sections: [
				section('call', 1, [
					measured('rings', 2, { threshold: 5, direction: 'at-most', unit: 'rings' }),
					yesNo('greeting', 2)
				])
			]
		};

		test('exactly at an "at most" threshold passes', () => {
			const result = scoreVisit(ringsTemplate, given({ rings: 5, greeting: 'yes' }));
			// 5 ≤ 5 → pass → 2; greeting 2 → 4 of 4 = 100%
			expect(result.items[0]).toMatchObject({ earned: 2, possible: 2, met: true });
			expect(result.rawScore).toBeCloseTo(100, 10);
			expect(result.failedItems).toEqual([]);
		});

		test('one over an "at most" threshold fails', () => {
			const result = scoreVisit(ringsTemplate, given({ rings: 6, greeting: 'yes' }));
			// 6 > 5 → fail → 0; greeting 2 → 2 of 4 = 50%; not critical, so the visit still passes
			expect(result.items[0]).toMatchObject({ earned: 0, possible: 2, met: false });
			expect(result.rawScore).toBeCloseTo(50, 10);
			expect(result.failedItems).toEqual(['rings']);
			expect(result.outcome).toBe('pass');
		});

		test.each([
			[10, true], // 10 ≤ 10
			[10.5, false] // 10.5 > 10
		])('%d minutes waited against "at most 10 minutes": met %s', (minutes, met) => {
			const template: ScorecardTemplate = {
				sections: [
					section('wait', 1, [
						measured('waited', 1, { threshold: 10, direction: 'at-most', unit: 'minutes' })
					])
				]
			};
			const result = scoreVisit(template, given({ waited: minutes }));
			expect(result.items[0]?.met).toBe(met);
			// 1 point earned of 1 → 100%, or 0 of 1 → 0%
			expect(result.rawScore).toBeCloseTo(met ? 100 : 0, 10);
		});

		test.each([
			[2, true], // 2 ≥ 2, exactly at the threshold
			[1, false] // 1 < 2
		])('%i ways to complain mentioned against "at least 2": met %s', (ways, met) => {
			const template: ScorecardTemplate = {
				sections: [
					section('complaints', 1, [
						measured('ways', 3, { threshold: 2, direction: 'at-least', unit: 'ways' })
					])
				]
			};
			const result = scoreVisit(template, given({ ways }));
			// pass → 3 of 3 points, fail → 0 of 3
			expect(result.items[0]).toMatchObject({ met, earned: met ? 3 : 0, possible: 3 });
		});

		test('a measured fact marked not applicable is left out', () => {
			const template: ScorecardTemplate = {
				sections: [
					section('call', 1, [
						measured('hold', 2, {
							threshold: 2,
							direction: 'at-most',
							unit: 'minutes',
							allowNotApplicable: true
						}),
						yesNo('name', 1)
					])
				]
			};
			const result = scoreVisit(template, given({ hold: 'na', name: 'no' }));
			// hold out; name 0 of 1 → 0%
			expect(result.sections[0]).toMatchObject({ earned: 0, possible: 1, percent: 0 });
		});
	});

	test('a "no" on a critical item fails the visit with a final score of 0 and keeps the raw score', () => {
		const result = scoreVisit(
			telephone(50),
			given({
				rings: 3, // pass → 2
				name: 'yes', // 1
				hold: 'yes', // 1
				understanding: 5, // 2 × 4/4 = 2
				identity: 'no', // critical → 0
				callback: 'yes' // 2
			})
		);
		// Answering 4 of 4 = 100%; handling 2 + 0 + 2 = 4 of 7 = 57.142857…%
		// Raw: (40 × 100 + 60 × 400/7) ÷ 100 = (28000/7 + 24000/7) ÷ 100 = 520/7 = 74.285714…
		expect(result.rawScore).toBeCloseTo(520 / 7, 10);
		expect(result.rawScore).toBeCloseTo(74.285714, 5);
		expect(result.finalScore).toBe(0);
		// Above the pass mark of 50, but the critical rule comes first.
		expect(result.outcome).toBe('fail-critical');
		expect(result.failedCriticalItems).toEqual(['identity']);
		expect(result.failedItems).toEqual(['identity']);
	});

	test('a critical measured fact that misses its target counts as a critical "no"', () => {
		const template: ScorecardTemplate = {
			sections: [
				section('call', 1, [
					measured(
						'rings',
						1,
						{ threshold: 5, direction: 'at-most', unit: 'rings' },
						{ critical: true }
					),
					yesNo('name', 3),
					yesNo('summary', 1)
				])
			]
		};
		const result = scoreVisit(template, given({ rings: 8, name: 'yes', summary: 'no' }));
		// rings 8 > 5 → 0; name 3; summary 0 → raw 3 of 5 = 60%, final 0
		expect(result.rawScore).toBeCloseTo(60, 10);
		expect(result.finalScore).toBe(0);
		expect(result.outcome).toBe('fail-critical');
		expect(result.failedCriticalItems).toEqual(['rings']);
		expect(result.failedItems).toEqual(['rings', 'summary']);
	});

	test('a critical item worth no points still fails the visit, and its section alone is left out', () => {
		const template: ScorecardTemplate = {
			sections: [
				section('safety', 50, [yesNo('badge', 0, { critical: true })]),
				section('service', 50, [yesNo('helpful', 1), yesNo('followUp', 1)])
			]
		};
		const passing = scoreVisit(template, given({ badge: 'yes', helpful: 'yes', followUp: 'no' }));
		// safety 0 of 0 → left out; service 1 of 2 = 50% → visit 50 × 50 ÷ 50 = 50
		// (keeping safety in would be 0 ÷ 0)
		expect(passing.sections[0]).toMatchObject({ included: false, percent: null });
		expect(passing.rawScore).toBeCloseTo(50, 10);
		expect(passing.outcome).toBe('pass');

		const failing = scoreVisit(template, given({ badge: 'no', helpful: 'yes', followUp: 'no' }));
		expect(failing.rawScore).toBeCloseTo(50, 10);
		expect(failing.finalScore).toBe(0);
		expect(failing.outcome).toBe('fail-critical');
	});

	describe('pass mark', () => {
		const answers = given({
			rings: 4,
			name: 'yes',
			hold: 'no',
			understanding: 4,
			identity: 'yes',
			callback: 'na'
		});

		test('a score below the pass mark fails, and the score is kept', () => {
			// Same visit as the worked example: 84, below a pass mark of 85
			const result = scoreVisit(telephone(85), answers);
			expect(result.outcome).toBe('fail');
			expect(result.rawScore).toBeCloseTo(84, 10);
			expect(result.finalScore).toBeCloseTo(84, 10);
			expect(result.failedCriticalItems).toEqual([]);
		});

		test('a score exactly at the pass mark passes', () => {
			// 84 reaches a pass mark of 84
			expect(scoreVisit(telephone(84), answers).outcome).toBe('pass');
		});

		test('a score that equals the pass mark as a fraction passes despite floating point', () => {
			const template: ScorecardTemplate = {
				passMark: 75,
				sections: [
					section('first', 1, [yesNo('a', 1), yesNo('b', 2)]),
					section('second', 3, [yesNo('c', 5), yesNo('d', 3), yesNo('e', 1)])
				]
			};
			const result = scoreVisit(
				template,
				given({ a: 'yes', b: 'no', c: 'yes', d: 'yes', e: 'no' })
			);
			// first: 1 of 3 = 100/3 %; second: 8 of 9 = 800/9 %
			// visit: (1 × 100/3 + 3 × 800/9) ÷ 4 = (100/3 + 800/3) ÷ 4 = 300 ÷ 4 = 75 exactly
			// (in binary floating point this comes out as 74.99999999999999)
			expect(result.rawScore).toBeCloseTo(75, 10);
			expect(result.outcome).toBe('pass');
		});

		test('without a pass mark every visit without a critical fail passes', () => {
			const result = scoreVisit(
				{ sections: [section('s', 1, [yesNo('a', 1)])] },
				given({ a: 'no' })
			);
			// 0 of 1 = 0%, no pass mark
			expect(result.rawScore).toBe(0);
			expect(result.outcome).toBe('pass');
		});
	});

	test('a visit where nothing applied has no score', () => {
		const template: ScorecardTemplate = {
			passMark: 50,
			sections: [section('outside', 1, [yesNoNa('parking', 1), yesNoNa('bikes', 1)])]
		};
		const result = scoreVisit(template, given({ parking: 'na', bikes: 'na' }));
		expect(result.rawScore).toBeNull();
		expect(result.finalScore).toBeNull();
		expect(result.outcome).toBe('not-scored');
		expect(result.sections[0]).toMatchObject({ included: false, percent: null });
	});

	test('refuses answers that were never validated', () => {
		const template = telephone();
		expect(() => scoreVisit(template, given({ rings: 4 }))).toThrow(/name/);
		expect(() =>
			scoreVisit(
				template,
				given({
					rings: 4,
					name: 'na',
					hold: 'yes',
					understanding: 3,
					identity: 'yes',
					callback: 'yes'
				})
			)
		).toThrow(/not applicable/);
		expect(() =>
			scoreVisit(
				template,
				given({
					rings: 4,
					name: 'yes',
					hold: 'yes',
					understanding: 7,
					identity: 'yes',
					callback: 'yes'
				})
			)
		).toThrow(/understanding/);
	});
});

describe('validateScorecardAnswers', () => {
	const template = telephone();

	function errorsFor(raw: Parameters<typeof validateScorecardAnswers>[1]) {
		const result = validateScorecardAnswers(template, raw);
		return result.ok ? [] : result.errors;
	}

	const complete = {
		rings: { value: '4' },
		name: { value: 'yes' },
		hold: { value: 'no', comment: '  Silence for two minutes  ' },
		understanding: { value: '4', comment: '' },
		identity: { value: 'yes' },
		callback: { value: 'na' }
	};

	test('turns a complete form submission into typed answers', () => {
		const result = validateScorecardAnswers(template, complete);
		expect(result).toEqual({
			ok: true,
			answers: {
				rings: { value: 4, comment: null, evidenceCount: 0 },
				name: { value: 'yes', comment: null, evidenceCount: 0 },
				hold: { value: 'no', comment: 'Silence for two minutes', evidenceCount: 0 },
				understanding: { value: 4, comment: null, evidenceCount: 0 },
				identity: { value: 'yes', comment: null, evidenceCount: 0 },
				callback: { value: 'na', comment: null, evidenceCount: 0 }
			}
		});
	});

	test('lists every missing answer, in the order the shopper sees the items', () => {
		expect(errorsFor({})).toEqual([
			{
				itemId: 'rings',
				message: 'Enter the number of rings for "Rings before the phone was answered"'
			},
			{ itemId: 'name', message: 'Choose yes or no for "Did the adviser give their name?"' },
			{
				itemId: 'hold',
				message: 'Choose yes, no or not applicable for "Was the hold message clear?"'
			},
			{
				itemId: 'understanding',
				message: 'Choose a score from 1 to 5 for "How well did the adviser understand the enquiry?"'
			},
			{
				itemId: 'identity',
				message:
					'Choose yes or no for "Did the adviser check the caller’s identity before discussing the tenancy?"'
			},
			{
				itemId: 'callback',
				message:
					'Choose yes, no or not applicable for "Was a call back offered when the answer was not known?"'
			}
		]);
	});

	test('a blank or unrecognised answer counts as missing', () => {
		expect(errorsFor({ ...complete, name: { value: '  ' } })).toEqual([
			{ itemId: 'name', message: 'Choose yes or no for "Did the adviser give their name?"' }
		]);
		expect(errorsFor({ ...complete, name: { value: 'maybe' } })).toEqual([
			{ itemId: 'name', message: 'Choose yes or no for "Did the adviser give their name?"' }
		]);
	});

	test.each(['0', '6', '3.5', -1, 10])('rejects a scale score of %j as outside 1 to 5', (value) => {
		expect(errorsFor({ ...complete, understanding: { value } })).toEqual([
			{
				itemId: 'understanding',
				message:
					'The score for "How well did the adviser understand the enquiry?" must be a whole number from 1 to 5'
			}
		]);
	});

	test('accepts scale scores at both ends of the range', () => {
		for (const value of ['1', 5]) {
			expect(errorsFor({ ...complete, understanding: { value } })).toEqual([]);
		}
	});

	test('rejects an answer to an item that is not on this scorecard', () => {
		expect(errorsFor({ ...complete, parking: { value: 'yes' } })).toEqual([
			{
				itemId: 'parking',
				message:
					'An answer was given to a question that is not on this scorecard. Reload the scorecard and try again'
			}
		]);
	});

	test('rejects not applicable where the item does not allow it', () => {
		expect(errorsFor({ ...complete, name: { value: 'na' } })).toEqual([
			{
				itemId: 'name',
				message:
					'"Did the adviser give their name?" cannot be marked not applicable: choose yes or no'
			}
		]);
		expect(errorsFor({ ...complete, rings: { value: 'na' } })).toEqual([
			{
				itemId: 'rings',
				message:
					'"Rings before the phone was answered" cannot be marked not applicable: enter the number of rings'
			}
		]);
		expect(errorsFor({ ...complete, understanding: { value: 'na' } })).toEqual([
			{
				itemId: 'understanding',
				message:
					'"How well did the adviser understand the enquiry?" cannot be marked not applicable: choose a score from 1 to 5'
			}
		]);
	});

	test('accepts not applicable on a measured fact that allows it', () => {
		const withHold: ScorecardTemplate = {
			sections: [
				section('call', 1, [
					measured('holdTime', 1, {
						threshold: 2,
						direction: 'at-most',
						unit: 'minutes',
						allowNotApplicable: true
					})
				])
			]
		};
		expect(validateScorecardAnswers(withHold, { holdTime: { value: 'na' } })).toEqual({
			ok: true,
			answers: { holdTime: { value: 'na', comment: null, evidenceCount: 0 } }
		});
	});

	test('a "no" needs a comment or evidence', () => {
		const message =
			'Add a comment or evidence to explain why the answer to "Was the hold message clear?" is no';
		expect(errorsFor({ ...complete, hold: { value: 'no' } })).toEqual([
			{ itemId: 'hold', message }
		]);
		expect(errorsFor({ ...complete, hold: { value: 'no', comment: '   ' } })).toEqual([
			{ itemId: 'hold', message }
		]);
		expect(errorsFor({ ...complete, hold: { value: 'no', evidenceCount: 1 } })).toEqual([]);
		expect(errorsFor({ ...complete, hold: { value: 'no', comment: 'No message at all' } })).toEqual(
			[]
		);
	});

	test('a measured fact that misses its target needs a comment or evidence; one at it does not', () => {
		expect(errorsFor({ ...complete, rings: { value: '6' } })).toEqual([
			{
				itemId: 'rings',
				message:
					'Add a comment or evidence to explain why "Rings before the phone was answered" missed the target of at most 5 rings'
			}
		]);
		// 5 ≤ 5 passes, so no explanation is needed
		expect(errorsFor({ ...complete, rings: { value: '5' } })).toEqual([]);
		expect(errorsFor({ ...complete, rings: { value: '6', comment: 'Rang eleven times' } })).toEqual(
			[]
		);
	});

	test.each(['five', '5 rings', '1e3', '-1'])('rejects a measured value of %j', (value) => {
		const errors = errorsFor({ ...complete, rings: { value } });
		expect(errors).toHaveLength(1);
		expect(errors[0]?.itemId).toBe('rings');
	});

	test('explains what is wrong with a measured value', () => {
		expect(errorsFor({ ...complete, rings: { value: 'five' } })[0]?.message).toBe(
			'Enter the number of rings for "Rings before the phone was answered" as a number, like 3'
		);
		expect(errorsFor({ ...complete, rings: { value: '-1' } })[0]?.message).toBe(
			'The number of rings for "Rings before the phone was answered" cannot be less than 0'
		);
	});

	test('an item that requires evidence needs it unless not applicable', () => {
		const office: ScorecardTemplate = {
			sections: [
				section('reception', 1, [
					yesNoNa('poster', 1, {
						text: 'Was the complaints poster on display?',
						evidenceRequired: true
					})
				])
			]
		};
		const missingEvidence = [
			{ itemId: 'poster', message: 'Add evidence for "Was the complaints poster on display?"' }
		];
		expect(validateScorecardAnswers(office, { poster: { value: 'yes' } })).toEqual({
			ok: false,
			errors: missingEvidence
		});
		expect(
			validateScorecardAnswers(office, { poster: { value: 'no', comment: 'Not on the wall' } })
		).toEqual({ ok: false, errors: missingEvidence });
		expect(
			validateScorecardAnswers(office, { poster: { value: 'yes', evidenceCount: 2 } })
		).toEqual({
			ok: true,
			answers: { poster: { value: 'yes', comment: null, evidenceCount: 2 } }
		});
		expect(validateScorecardAnswers(office, { poster: { value: 'na' } }).ok).toBe(true);
	});
});

describe('results that count', () => {
	test('only approved visits count', () => {
		expect(countsInResults('approved')).toBe(true);
		for (const status of ['pending', 'returned', 'rejected', '', 'Approved']) {
			expect(countsInResults(status)).toBe(false);
		}
	});

	// One section, weight 1: a critical identity check (2 points), a greeting that may not apply
	// (2 points) and rings to answer, at most 5 (1 point). 5 points when everything applies.
	const template: ScorecardTemplate = {
		sections: [
			section('call', 1, [
				yesNo('identity', 2, { critical: true }),
				yesNoNa('greeting', 2),
				measured('rings', 1, { threshold: 5, direction: 'at-most', unit: 'rings' })
			])
		]
	};

	function visit(
		reviewStatus: string,
		identity: 'yes' | 'no',
		greeting: 'yes' | 'no' | 'na',
		rings: number
	): ReviewedVisit {
		return { reviewStatus, score: scoreVisit(template, given({ identity, greeting, rings })) };
	}

	const visits: ReviewedVisit[] = [
		visit('approved', 'yes', 'yes', 7), // 2 + 2 + 0 = 4 of 5 = 80%, pass
		visit('approved', 'no', 'yes', 3), // 0 + 2 + 1 = 3 of 5 = 60% raw, critical → final 0
		visit('approved', 'yes', 'na', 5), // 2 + 1 = 3 of 3 = 100% (5 ≤ 5 passes)
		visit('pending', 'yes', 'yes', 2), // 100%: must not count
		visit('returned', 'no', 'no', 9), // 0%, critical: must not count
		visit('rejected', 'yes', 'no', 9) // 2 of 5 = 40%: must not count
	];

	test('average final score counts a critical fail as 0 and ignores visits not approved', () => {
		// (80 + 0 + 100) ÷ 3 = 60; with the others it would be (80+0+100+100+0+40) ÷ 6 = 53.33
		const average = averageFinalScore(visits);
		expect(average.n).toBe(3);
		expect(average.value).toBeCloseTo(60, 10);
	});

	test('average raw score keeps the raw score of a critical fail', () => {
		// (80 + 60 + 100) ÷ 3 = 80
		const average = averageRawScore(visits);
		expect(average.n).toBe(3);
		expect(average.value).toBeCloseTo(80, 10);
	});

	test('critical failure rate is over approved visits only', () => {
		// 1 critical fail of 3 approved = 33.33%; with the returned one it would be 2 of 6
		const rate = criticalFailureRate(visits);
		expect(rate.failed).toBe(1);
		expect(rate.n).toBe(3);
		expect(rate.value).toBeCloseTo(100 / 3, 10);
	});

	test('item met rate leaves out not applicable answers and visits not approved', () => {
		const rates = itemMetRate(visits);
		// identity: yes, no, yes → 2 of 3
		// greeting: yes, yes, N/A → 2 of 2 (the pending yes and rejected no are ignored)
		// rings: 7 ✗, 3 ✓, 5 ✓ → 2 of 3
		expect(rates).toHaveLength(3);
		expect(rates[0]).toMatchObject({ itemId: 'identity', met: 2, n: 3 });
		expect(rates[0]?.value).toBeCloseTo(200 / 3, 10);
		expect(rates[1]).toEqual({ itemId: 'greeting', met: 2, n: 2, value: 100 });
		expect(rates[2]).toMatchObject({ itemId: 'rings', met: 2, n: 3 });
		expect(rates[2]?.value).toBeCloseTo(200 / 3, 10);
	});

	test('item met rate does not list scale items, which have no "met"', () => {
		const scaled: ScorecardTemplate = {
			sections: [section('s', 1, [scale('manner', 4), yesNo('name', 1)])]
		};
		const rates = itemMetRate([
			{ reviewStatus: 'approved', score: scoreVisit(scaled, given({ manner: 3, name: 'yes' })) }
		]);
		expect(rates).toEqual([{ itemId: 'name', met: 1, n: 1, value: 100 }]);
	});

	test('with no approved visits there is no figure, not 0', () => {
		const notYet = visits.filter((v) => v.reviewStatus !== 'approved');
		expect(averageFinalScore(notYet)).toEqual({ value: null, n: 0 });
		expect(averageRawScore(notYet)).toEqual({ value: null, n: 0 });
		expect(criticalFailureRate(notYet)).toEqual({ value: null, failed: 0, n: 0 });
		expect(itemMetRate(notYet)).toEqual([]);
	});

	test('a visit where nothing applied is left out of the averages', () => {
		const outside: ScorecardTemplate = { sections: [section('s', 1, [yesNoNa('parking', 1)])] };
		const both: ReviewedVisit[] = [
			{ reviewStatus: 'approved', score: scoreVisit(outside, given({ parking: 'na' })) },
			{ reviewStatus: 'approved', score: scoreVisit(outside, given({ parking: 'yes' })) }
		];
		// Only the second has a score: 1 of 1 = 100%, n = 1
		expect(averageFinalScore(both)).toEqual({ value: 100, n: 1 });
		expect(criticalFailureRate(both)).toEqual({ value: 0, failed: 0, n: 1 });
	});
});

describe('isCompatibleChange', () => {
	test('wording, guidance, titles and order can change in place', () => {
		const before = telephone(80);
		const after = telephone(80);
		const [answering, handling] = after.sections as [ScorecardSection, ScorecardSection];
		answering.title = 'Answering the phone';
		const name = answering.items[1] as YesNoItem;
		name.text = 'Did the adviser say their name?';
		name.guidance = 'A first name is enough.';
		handling.items.reverse();
		after.sections.reverse();
		expect(isCompatibleChange(before, after)).toEqual({ compatible: true, reasons: [] });
	});

	test('removing or adding an item needs a new version', () => {
		const after = telephone();
		after.sections[0]?.items.splice(1, 1);
		after.sections[1]?.items.push(yesNo('summary', 1, { text: 'Did the adviser sum up?' }));
		expect(isCompatibleChange(telephone(), after)).toEqual({
			compatible: false,
			reasons: [
				'The item "Did the adviser give their name?" was removed',
				'The item "Did the adviser sum up?" was added'
			]
		});
	});

	test('changing kind, points, critical flag, threshold or weight needs a new version', () => {
		const after = telephone();
		const [answering, handling] = after.sections as [ScorecardSection, ScorecardSection];
		answering.weight = 50;
		answering.items[0] = measured(
			'rings',
			2,
			{ threshold: 4, direction: 'at-most', unit: 'rings' },
			{ text: 'Rings before the phone was answered' }
		);
		answering.items[1] = yesNoNa('name', 1, { text: 'Did the adviser give their name?' });
		const identity = handling.items[1] as YesNoItem;
		identity.critical = false;
		const callback = handling.items[2] as YesNoNaItem;
		callback.points = 3;

		expect(isCompatibleChange(telephone(), after)).toEqual({
			compatible: false,
			reasons: [
				'The weight of "answering" changed from 40 to 50',
				'"Rings before the phone was answered" changed its target from at most 5 rings to at most 4 rings',
				'"Did the adviser give their name?" changed from yes / no to yes / no / not applicable',
				'"Did the adviser check the caller’s identity before discussing the tenancy?" is no longer a critical item',
				'"Was a call back offered when the answer was not known?" changed from 2 to 3 points'
			]
		});
	});

	test('changing the pass mark or moving an item between sections needs a new version', () => {
		const after = telephone(80);
		const [answering, handling] = after.sections as [ScorecardSection, ScorecardSection];
		const hold = answering.items.pop() as ScorecardItem;
		handling.items.push(hold);
		expect(isCompatibleChange(telephone(75), after).reasons).toEqual([
			'The pass mark changed from 75 to 80',
			'"Was the hold message clear?" moved to another section'
		]);
	});

	test('removing a section needs a new version', () => {
		const after = telephone();
		after.sections.pop();
		const result = isCompatibleChange(telephone(), after);
		expect(result.compatible).toBe(false);
		expect(result.reasons[0]).toBe('The section "handling" was removed');
		expect(result.reasons).toContain(
			'The item "Was a call back offered when the answer was not known?" was removed'
		);
	});
});
