import { describe, expect, test } from 'vitest';
import {
	questionnaire,
	summaryOfApproach,
	type ApproachFacts
} from '../../../../src/lib/domain/results/tsm-summary';

const facts: ApproachFacts = {
	samples: [
		{ population: 'LCRA', n: 1204 },
		{ population: 'LCHO', n: 1 }
	],
	timing: { from: '2026-04-01', to: '2026-06-30' },
	channels: [
		{ channel: 'online', n: 900 },
		{ channel: 'face-to-face', n: 305 },
		{ channel: 'paper', n: 0 }
	],
	accessMode: 'invitation',
	sampleMethod: '  A census of all tenants. ',
	weighting: [{ population: 'LCRA', strata: 3, questionCode: 'AREA', outside: 1 }],
	excludedHouseholds: 1500,
	representativeness: '',
	contractor: 'Acme Research Ltd ran the telephone fieldwork.',
	exclusionReasons: '   ',
	sampleShortfall: '',
	incentives: 'A prize draw for one £50 voucher.',
	otherIssues: ''
};

describe('the TSM summary of approach', () => {
	test('lists A to L in order, from the survey’s own data and what the landlord wrote', () => {
		const summary = summaryOfApproach(facts);
		expect(summary.map((item) => item.letter)).toEqual('ABCDEFGHIJKL'.split(''));
		const text = Object.fromEntries(summary.map((item) => [item.letter, item.text]));
		expect(text.A).toBe('LCRA: 1,204 responses; LCHO: 1 response.');
		expect(text.B).toBe('Responses received from 2026-04-01 to 2026-06-30.');
		// Channels nobody used are left out.
		expect(text.C).toBe('online (900), face to face (305).');
		expect(text.D).toBe('Single-use invitations sent to tenants. A census of all tenants.');
		expect(text.E).toBe('Not stated.');
		expect(text.F).toBe(
			'LCRA: weighted to the population shares of 3 strata defined by the answer to AREA; ' +
				'1 response outside every stratum carries no weight.'
		);
		expect(text.G).toBe('Acme Research Ltd ran the telephone fieldwork.');
		expect(text.H).toBe('1,500');
		expect(text.I).toBe('Not stated.');
		expect(text.K).toBe('A prize draw for one £50 voucher.');
	});

	test('before any response, with an open link and no weighting', () => {
		const summary = summaryOfApproach({
			...facts,
			samples: [
				{ population: 'LCRA', n: 0 },
				{ population: 'LCHO', n: 0 }
			],
			timing: null,
			channels: [],
			accessMode: 'public',
			sampleMethod: '',
			weighting: []
		});
		const text = Object.fromEntries(summary.map((item) => [item.letter, item.text]));
		expect(text.A).toBe('LCRA: 0 responses; LCHO: 0 responses.');
		expect(text.B).toBe('No responses yet.');
		expect(text.C).toBe('Not stated.');
		expect(text.D).toBe('An open survey link, available to every tenant.');
		expect(text.F).toBe('No weighting was applied.');
	});
});

describe('the questionnaire published with it', () => {
	test('every question in the order asked, with the answers offered', () => {
		const items = questionnaire({
			pages: [
				{
					id: 'p1',
					questions: [
						{
							id: 'r',
							code: 'R',
							type: 'yes-no',
							text: 'Has Riverside Homes carried out a repair?',
							required: true
						}
					]
				},
				{
					id: 'p2',
					questions: [
						{
							id: 'g',
							code: 'G',
							type: 'grid',
							text: 'How satisfied are you with…',
							required: false,
							rows: [
								{ value: 'a', label: 'The time taken' },
								{ value: 'b', label: 'The quality' }
							],
							scale: { type: 'agreement', notApplicable: false }
						},
						{
							id: 't',
							code: 'WHY',
							type: 'long-text',
							text: 'Why?',
							required: false,
							maxLength: 2000
						}
					]
				}
			]
		});
		expect(items.map((item) => item.code)).toEqual(['R', 'G', 'WHY']);
		expect(items[0]!.options).toEqual(['Yes', 'No']);
		expect(items[1]!.statements).toEqual(['The time taken', 'The quality']);
		expect(items[1]!.options).toEqual([
			'Strongly agree',
			'Agree',
			'Neither agree nor disagree',
			'Disagree',
			'Strongly disagree'
		]);
		expect(items[2]).toEqual({ code: 'WHY', text: 'Why?', statements: [], options: [] });
	});
});
