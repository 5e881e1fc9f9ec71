import { describe, expect, test } from 'vitest';
import {
	answerFieldName,
	characterCount,
	dateFieldNames,
	gridRowFieldName,
	parsePageAnswers,
	rawFromFormData,
	REFUSED_VALUE,
	writeInFieldName,
	type Answers,
	type PageParseOptions,
	type SurveyDefinition
} from '$lib/domain/survey';
import { everyTypeDefinition } from './fixtures';

const definition = everyTypeDefinition();
const yes: Answers = { yn: { type: 'choice', value: 'yes' } };

function post(
	pageId: string,
	fields: Record<string, string | string[]>,
	options: PageParseOptions = {},
	survey: SurveyDefinition = definition
) {
	const raw = Object.fromEntries(
		Object.entries(fields).map(([name, value]) => [name, Array.isArray(value) ? value : [value]])
	);
	return parsePageAnswers(survey, pageId, raw, options);
}

const p1Valid = { q_sat: 'very-satisfied', q_colour: 'red' };
const p4Valid = { 'q_grid.stairs': 'fairly-satisfied', 'q_grid.lifts': 'not-applicable' };

describe('field names', () => {
	test('follow q_<id>, q_<id>.<row>, q_<id>.other.<option> and the date parts', () => {
		expect(answerFieldName('sat')).toBe('q_sat');
		expect(gridRowFieldName('grid', 'stairs')).toBe('q_grid.stairs');
		expect(writeInFieldName('colour', 'other')).toBe('q_colour.other.other');
		expect(dateFieldNames('when')).toEqual({
			day: 'q_when.day',
			month: 'q_when.month',
			year: 'q_when.year'
		});
	});

	test('FormData with a "__proto__" field is read safely and the field reported', () => {
		const form = new FormData();
		form.append('__proto__', 'x');
		form.append('q_sat', 'very-satisfied');
		form.append('q_colour', 'red');
		const raw = rawFromFormData(form);
		expect(raw['q_sat']).toEqual(['very-satisfied']);
		const result = parsePageAnswers(definition, 'p1', raw);
		expect(result.unexpected).toEqual([{ field: '__proto__', reason: 'unknown-field' }]);
		expect(({} as Record<string, unknown>)['x']).toBeUndefined();
	});
});

describe('satisfaction and agreement scales', () => {
	test('a scale point is kept as its value', () => {
		const result = post('p1', { ...p1Valid, q_agree: 'strongly-agree' });
		expect(result.ok).toBe(true);
		expect(result.answers).toEqual({
			sat: { type: 'choice', value: 'very-satisfied' },
			agree: { type: 'choice', value: 'strongly-agree' },
			colour: { type: 'choice', value: 'red' }
		});
	});

	test('a missing required answer gets a message built from the question', () => {
		const result = post('p1', { q_colour: 'red' });
		expect(result.errors).toEqual({
			q_sat: 'Select how satisfied you are with the repairs service'
		});
	});

	test('a value not on the scale is an error, and N/A only where offered', () => {
		expect(post('p1', { ...p1Valid, q_sat: 'ecstatic' }).errors['q_sat']).toBe(
			'Select how satisfied you are with the repairs service'
		);
		expect(post('p1', { ...p1Valid, q_sat: 'not-applicable' }).errors['q_sat']).toBeDefined();
		expect(post('p1', { ...p1Valid, q_agree: 'not-applicable' }).answers['agree']).toEqual({
			type: 'choice',
			value: 'not-applicable'
		});
	});
});

describe('single choice', () => {
	test('an unknown option is an error', () => {
		expect(post('p1', { ...p1Valid, q_colour: 'green' }).errors).toEqual({
			q_colour: 'Select an answer'
		});
	});

	test('the write-in text is kept with the option that has it, and ignored for others', () => {
		const withText = post('p1', {
			...p1Valid,
			q_colour: 'other',
			'q_colour.other.other': '  Sage green  '
		});
		expect(withText.answers['colour']).toEqual({
			type: 'choice',
			value: 'other',
			writeIn: 'Sage green'
		});
		const changedMind = post('p1', { ...p1Valid, 'q_colour.other.other': 'Sage green' });
		expect(changedMind.ok).toBe(true);
		expect(changedMind.answers['colour']).toEqual({ type: 'choice', value: 'red' });
	});

	test('a write-in on an option without one is reported as unexpected', () => {
		const result = post('p1', { ...p1Valid, 'q_colour.other.red': 'Scarlet' });
		expect(result.unexpected).toEqual([{ field: 'q_colour.other.red', reason: 'unknown-part' }]);
		expect(result.ok).toBe(false);
	});

	test('a write-in over 200 characters is an error on the write-in field', () => {
		const result = post('p1', {
			...p1Valid,
			q_colour: 'other',
			'q_colour.other.other': 'x'.repeat(201)
		});
		expect(result.errors).toEqual({
			'q_colour.other.other': 'Description must be 200 characters or fewer'
		});
	});
});

describe('NPS, effort and rating', () => {
	test('NPS accepts exactly the integers 0 to 10', () => {
		for (let score = 0; score <= 10; score++) {
			expect(post('p2', { q_nps: String(score) }).answers['nps']).toEqual({
				type: 'number',
				value: score
			});
		}
		for (const bad of ['-1', '11', '7.5', '07', '1e1', ' ', 'seven', '0x7', '10.0']) {
			const result = post('p2', { q_nps: bad });
			expect(result.answers['nps'], bad).toBeUndefined();
			expect(result.errors['q_nps'], bad).toBe(
				bad.trim() === ''
					? 'Select how likely you are to recommend Acme Homes to a friend or colleague'
					: 'Select a score from 0 to 10'
			);
		}
	});

	test('effort is 1 to 7 and rating 1 to 10', () => {
		expect(post('p2', { q_nps: '5', q_ces: '7', q_rate: '10' }).answers).toEqual({
			nps: { type: 'number', value: 5 },
			ces: { type: 'number', value: 7 },
			rate: { type: 'number', value: 10 }
		});
		expect(post('p2', { q_nps: '5', q_ces: '0' }).errors).toEqual({
			q_ces: 'Select a score from 1 to 7'
		});
		expect(post('p2', { q_nps: '5', q_ces: '8' }).errors['q_ces']).toBeDefined();
		expect(post('p2', { q_nps: '5', q_rate: '0' }).errors).toEqual({
			q_rate: 'Select a score from 1 to 10'
		});
		expect(post('p2', { q_nps: '5', q_rate: '11' }).errors['q_rate']).toBeDefined();
	});
});

describe('yes / no', () => {
	test('only yes or no', () => {
		expect(post('p2', { q_nps: '1', q_yn: 'no' }).answers['yn']).toEqual({
			type: 'choice',
			value: 'no'
		});
		expect(post('p2', { q_nps: '1', q_yn: 'maybe' }).errors).toEqual({ q_yn: 'Select yes or no' });
	});
});

describe('short text', () => {
	test('is trimmed and kept on one line', () => {
		expect(post('p3', { q_name: '  Sam \r\n Jones ' }, { answers: yes }).answers['name']).toEqual({
			type: 'text',
			value: 'Sam Jones'
		});
	});

	test('counts characters, not bytes or UTF-16 units', () => {
		// 10 characters, 20 bytes in UTF-8, 10 UTF-16 units
		expect(post('p3', { q_name: 'ŵŷâêîôûŵŷâ' }, { answers: yes }).ok).toBe(true);
		// 10 emoji: 40 bytes, 20 UTF-16 units, 10 characters
		expect(post('p3', { q_name: '😀'.repeat(10) }, { answers: yes }).ok).toBe(true);
		expect(post('p3', { q_name: '😀'.repeat(11) }, { answers: yes }).errors).toEqual({
			q_name: 'Answer must be 10 characters or fewer'
		});
		// "é" typed as e + combining accent is one character once normalised
		expect(post('p3', { q_name: 'e\u0301'.repeat(10) }, { answers: yes }).answers['name']).toEqual({
			type: 'text',
			value: 'é'.repeat(10)
		});
		expect(characterCount('😀é')).toBe(2);
	});

	test('blank is no answer, and required when shown', () => {
		expect(post('p3', { q_name: '   ' }, { answers: yes }).errors).toEqual({
			q_name: 'Enter your answer'
		});
	});
});

describe('long text', () => {
	const survey: SurveyDefinition = {
		pages: [
			{
				id: 'p',
				questions: [
					{
						id: 'comment',
						code: 'COMMENT',
						type: 'long-text',
						text: 'Comments',
						required: false,
						maxLength: 500
					}
				]
			}
		]
	};

	test('keeps line breaks as \\n, counted as one character each', () => {
		const text = `${'a'.repeat(249)}\r\n${'b'.repeat(250)}`;
		const result = post('p', { q_comment: text }, {}, survey);
		expect(result.ok).toBe(true);
		expect(result.answers['comment']).toEqual({
			type: 'text',
			value: `${'a'.repeat(249)}\n${'b'.repeat(250)}`
		});
	});

	test('is limited in characters, with multi-byte text too', () => {
		expect(post('p', { q_comment: 'ß'.repeat(500) }, {}, survey).ok).toBe(true);
		expect(post('p', { q_comment: 'ß'.repeat(501) }, {}, survey).errors).toEqual({
			q_comment: 'Answer must be 500 characters or fewer'
		});
		expect(post('p', { q_comment: '👍🏽'.repeat(250) }, {}, survey).ok).toBe(true);
		expect(post('p', { q_comment: '👍🏽'.repeat(251) }, {}, survey).ok).toBe(false);
	});

	test('drops control characters such as NUL', () => {
		expect(post('p', { q_comment: 'a\u0000b\tc' }, {}, survey).answers['comment']).toEqual({
			type: 'text',
			value: 'ab\tc'
		});
	});

	test('drops half a surrogate pair on its own and keeps whole pairs', () => {
		expect(
			post('p', { q_comment: '\uD83D a\uDC4D b 👍🏽 \uDC4D\uD83D' }, {}, survey).answers['comment']
		).toEqual({ type: 'text', value: 'a b 👍🏽' });
	});
});

describe('number', () => {
	const number = (value: string) => post('p3', { q_name: 'Sam', q_calls: value }, { answers: yes });

	test('accepts whole numbers in range, with commas and spaces as typed', () => {
		expect(number('3').answers['calls']).toEqual({ type: 'number', value: 3 });
		expect(number(' 10 ').answers['calls']).toEqual({ type: 'number', value: 10 });
		expect(number('1,0').answers['calls']).toEqual({ type: 'number', value: 10 });
	});

	test('out of range, not whole, or not a number', () => {
		expect(number('0').errors).toEqual({ q_calls: 'Enter a number between 1 and 10' });
		expect(number('11').errors).toEqual({ q_calls: 'Enter a number between 1 and 10' });
		expect(number('2.5').errors).toEqual({ q_calls: 'Enter a whole number' });
		expect(number('two').errors).toEqual({ q_calls: 'Enter a whole number' });
		expect(number('1e1').errors).toEqual({ q_calls: 'Enter a whole number' });
		expect(number('Infinity').errors).toEqual({ q_calls: 'Enter a whole number' });
	});

	test('decimals where allowed, with only a minimum', () => {
		const weight = (value: string) => post('p4', { ...p4Valid, q_weight: value });
		expect(weight('2.75').answers['weight']).toEqual({ type: 'number', value: 2.75 });
		expect(weight('-0.5').errors).toEqual({ q_weight: 'Enter a number that is 0 or more' });
		expect(weight('abc').errors).toEqual({ q_weight: 'Enter a number' });
		expect(weight('-0').answers['weight']).toEqual({ type: 'number', value: 0 });
		expect(Object.is((weight('-0').answers['weight'] as { value: number }).value, -0)).toBe(false);
	});
});

describe('date', () => {
	const date = (day: string, month: string, year: string) =>
		post(
			'p3',
			{ q_name: 'Sam', 'q_when.day': day, 'q_when.month': month, 'q_when.year': year },
			{ answers: yes }
		);

	test('three boxes become YYYY-MM-DD; month names are accepted', () => {
		expect(date('1', '4', '2024').answers['when']).toEqual({ type: 'date', value: '2024-04-01' });
		expect(date('09', 'Sept', '2024').answers['when']).toEqual({
			type: 'date',
			value: '2024-09-09'
		});
	});

	test('missing parts, impossible dates and the allowed range', () => {
		expect(date('', '', '').ok).toBe(true);
		expect(date('', '', '').answers['when']).toBeUndefined();
		expect(date('1', '', '2024').errors).toEqual({ 'q_when.month': 'Date must include a month' });
		expect(date('', '', '2024').errors).toEqual({
			'q_when.day': 'Date must include a day and month'
		});
		expect(date('31', '2', '2024').errors).toEqual({ 'q_when.day': 'Date must be a real date' });
		expect(date('29', '2', '2024').ok).toBe(true);
		expect(date('1', '13', '2024').errors).toEqual({ 'q_when.month': 'Date must be a real date' });
		expect(date('1', '1', '24').errors).toEqual({ 'q_when.year': 'Year must include 4 numbers' });
		expect(date('31', '12', '2023').errors).toEqual({
			'q_when.day': 'Date must be the same as or after 1 January 2024'
		});
		expect(date('1', '1', '2025').errors).toEqual({
			'q_when.day': 'Date must be the same as or before 31 December 2024'
		});
	});

	test('a date question has no plain q_<id> field', () => {
		const result = post('p3', { q_name: 'Sam', q_when: '2024-04-01' }, { answers: yes });
		expect(result.unexpected).toEqual([{ field: 'q_when', reason: 'unknown-part' }]);
	});
});

describe('multiple choice', () => {
	const matters = (values: string[], extra: Record<string, string> = {}) =>
		post('p4', { ...p4Valid, q_matters: values, ...extra });

	test('keeps the chosen options in the order they are listed', () => {
		expect(matters(['speed', 'cost']).answers['matters']).toEqual({
			type: 'choices',
			values: ['cost', 'speed']
		});
	});

	test('the empty value a form adds for "none ticked" is ignored', () => {
		expect(matters(['']).answers['matters']).toBeUndefined();
		expect(matters(['', 'cost']).answers['matters']).toEqual({ type: 'choices', values: ['cost'] });
	});

	test('other text, unknown options, too many, and the exclusive option', () => {
		expect(matters(['other'], { 'q_matters.other.other': 'Noise' }).answers['matters']).toEqual({
			type: 'choices',
			values: ['other'],
			writeIns: { other: 'Noise' }
		});
		expect(matters(['cost', 'free-beer']).errors).toEqual({
			q_matters: 'Select at least one answer'
		});
		expect(matters(['cost', 'speed', 'quality']).errors).toEqual({
			q_matters: 'Select no more than 2 answers'
		});
		expect(matters(['cost', 'none']).errors).toEqual({
			q_matters: 'Select one or more answers, or select ‘None of these’'
		});
	});

	test('the same box twice is reported', () => {
		expect(matters(['cost', 'cost']).unexpected).toEqual([
			{ field: 'q_matters', reason: 'repeated' }
		]);
	});
});

describe('grid', () => {
	test('each row is answered on the grid scale', () => {
		expect(post('p4', p4Valid).answers['grid']).toEqual({
			type: 'grid',
			rows: { stairs: 'fairly-satisfied', lifts: 'not-applicable' }
		});
	});

	test('a required grid needs every row; a wrong value is an error on its row', () => {
		expect(post('p4', { 'q_grid.stairs': 'very-satisfied' }).errors).toEqual({
			'q_grid.lifts': 'Select an answer for ‘The lifts’'
		});
		expect(post('p4', { ...p4Valid, 'q_grid.stairs': 'strongly-agree' }).errors).toEqual({
			'q_grid.stairs': 'Select an answer for ‘The stairs’'
		});
	});

	test('a row the grid does not have is reported', () => {
		const result = post('p4', { ...p4Valid, 'q_grid.roof': 'very-satisfied' });
		expect(result.unexpected).toEqual([{ field: 'q_grid.roof', reason: 'unknown-part' }]);
	});
});

describe('fields the form could not have posted', () => {
	test('unknown names, other surveys’ questions, other pages and repeats are all reported', () => {
		const result = post(
			'p1',
			{
				...p1Valid,
				q_sat: ['very-satisfied', 'very-dissatisfied'],
				'q_tp01-from-another-survey': 'very-satisfied',
				q_nps: '10',
				admin: 'true',
				q_: 'x',
				'q_sat..x': 'y',
				bot_trap: ''
			},
			{ otherFields: ['bot_trap'] }
		);
		expect(result.ok).toBe(false);
		expect(result.unexpected).toEqual(
			expect.arrayContaining([
				{ field: 'q_sat', reason: 'repeated' },
				{ field: 'q_tp01-from-another-survey', reason: 'unknown-question' },
				{ field: 'q_nps', reason: 'other-page' },
				{ field: 'admin', reason: 'unknown-field' },
				{ field: 'q_', reason: 'unknown-field' },
				{ field: 'q_sat..x', reason: 'unknown-field' }
			])
		);
		expect(result.unexpected).toHaveLength(6);
	});

	test('a page id not in the survey is a programming error', () => {
		expect(() => post('nope', {})).toThrow(RangeError);
	});
});

describe('skip logic within a page', () => {
	test('a dependant is required only when shown', () => {
		expect(post('p1', { ...p1Valid, q_sat: 'very-dissatisfied' }).errors).toEqual({
			q_why: 'Enter your answer'
		});
		expect(post('p1', p1Valid).ok).toBe(true);
	});

	test('answers and errors of hidden questions are dropped', () => {
		const result = post('p1', { ...p1Valid, q_why: 'x'.repeat(600) });
		expect(result.ok).toBe(true);
		expect(result.answers['why']).toBeUndefined();
		expect(result.visibleQuestionIds).toEqual(['sat', 'agree', 'colour']);
	});

	test('a source with an invalid answer hides its dependants', () => {
		const result = post('p1', { ...p1Valid, q_sat: 'bogus', q_why: 'because' });
		expect(Object.keys(result.errors)).toEqual(['q_sat']);
		expect(result.answers['why']).toBeUndefined();
	});

	test('a page hidden by earlier answers keeps nothing', () => {
		const result = post(
			'p3',
			{ q_name: 'Sam' },
			{ answers: { yn: { type: 'choice', value: 'no' } } }
		);
		expect(result.pageVisible).toBe(false);
		expect(result.answers).toEqual({});
		expect(result.errors).toEqual({});
	});

	test('errors come in question order', () => {
		const result = post('p4', { q_matters: ['cost', 'speed', 'quality'], q_weight: 'x' });
		expect(Object.keys(result.errors)).toEqual([
			'q_matters',
			'q_grid.stairs',
			'q_grid.lifts',
			'q_weight'
		]);
	});
});

describe('staff-recorded "don’t know / refused"', () => {
	const survey: SurveyDefinition = {
		pages: [
			{
				id: 'p',
				questions: [
					{
						id: 'tp01',
						code: 'TP01',
						type: 'satisfaction',
						text: 'How satisfied or dissatisfied are you with the service provided by Acme?',
						required: true,
						notApplicable: false,
						staffCanRecordRefusal: true
					},
					{ id: 'plain', code: 'PLAIN', type: 'yes-no', text: 'Plain?', required: false }
				]
			}
		]
	};

	test('is accepted only when staff enter the response', () => {
		const byStaff = post('p', { q_tp01: REFUSED_VALUE }, { enteredByStaff: true }, survey);
		expect(byStaff.ok).toBe(true);
		expect(byStaff.answers['tp01']).toEqual({ type: 'refused' });
		const online = post('p', { q_tp01: REFUSED_VALUE }, {}, survey);
		expect(online.answers['tp01']).toBeUndefined();
		expect(online.errors).toEqual({
			q_tp01: 'Select how satisfied you are with the service provided by Acme'
		});
	});

	test('is refused on a question that does not allow it, even from staff', () => {
		const result = post(
			'p',
			{ q_tp01: 'very-satisfied', q_plain: REFUSED_VALUE },
			{ enteredByStaff: true },
			survey
		);
		expect(result.errors).toEqual({ q_plain: 'Select yes or no' });
	});
});
