/**
 * Formula-injection guard for CSV and XLSX exports (OWASP "CSV Injection", ASVS 1.2.10).
 *
 * Survey comments, complaint notes and focus-group quotes are typed by the public and later
 * opened by staff in Excel, LibreOffice or Google Sheets. A cell that a spreadsheet reads as a
 * formula can fetch URLs, leak other cells or, in old Excel, start programs, so every string cell
 * that could start a formula is prefixed with a single quote, which spreadsheets take as "this
 * is text".
 *
 * Numeric columns (scores, counts, NPS) must be written as JavaScript numbers, not strings: a
 * number is left alone, but the string "-5" is indistinguishable from the start of a formula
 * such as "-5+cmd|…" and is neutralised to "'-5". The same goes for phone numbers typed as
 * "+44 …": they are kept as text, with the quote.
 */

// The OWASP list, plus NUL, which ASVS adds because some importers drop it and read what follows.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);

// Some importers (LibreOffice with "trim spaces", Google Sheets) strip leading whitespace before
// deciding whether a cell is a formula, so " =1+1" is as dangerous as "=1+1".
const LEADING_WHITESPACE = /^\s*/u;

function startsLikeFormula(value: string): boolean {
	if (value.length === 0) return false;
	if (FORMULA_TRIGGERS.has(value.charAt(0))) return true;
	const afterWhitespace = value.slice(LEADING_WHITESPACE.exec(value)?.[0].length ?? 0);
	const first = afterWhitespace.codePointAt(0);
	if (first === undefined) return false;
	// Full-width and small-form signs (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) are turned into their ASCII forms by
	// Excel's East Asian input handling and by NFKC-normalising importers, so anything that
	// normalises to a trigger counts as one.
	const normalised = String.fromCodePoint(first).normalize('NFKC').charAt(0);
	return FORMULA_TRIGGERS.has(normalised);
}

/** Returns the cell text unchanged if it is safe, or prefixed with `'` if it could be a formula. */
export function neutraliseCell(value: string): string {
	return startsLikeFormula(value) ? `'${value}` : value;
}

export type SafeCell = string | number | boolean | bigint | Date | null | undefined;

/**
 * Neutralises the strings in a row and leaves typed values (numbers, booleans, dates, empty
 * cells) as they are, because writers emit those as typed cells a spreadsheet never evaluates.
 * Anything else (an object, an array) would be written through its string form, so it is turned
 * into that string here and neutralised like any other text.
 */
export function neutraliseRow(values: readonly unknown[]): SafeCell[] {
	return values.map((value): SafeCell => {
		if (typeof value === 'string') return neutraliseCell(value);
		if (
			value === null ||
			value === undefined ||
			typeof value === 'number' ||
			typeof value === 'boolean' ||
			typeof value === 'bigint' ||
			value instanceof Date
		) {
			return value;
		}
		return neutraliseCell(String(value));
	});
}
