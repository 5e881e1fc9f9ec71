/**
 * How typed answers are cleaned and counted. The character-count component and the server must
 * count the same way, so both use characterCount.
 */

// Control characters (Unicode's Cc: U+0000–U+001F and U+007F–U+009F) other than tab and line feed
// have no place in an answer, and U+0000 is refused outright by PostgreSQL text columns. Written as
// ranges rather than \p{Cc}, which browsers before 2018–2020 cannot parse: this file runs in the
// respondent's browser too.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Half of a surrogate pair on its own is not a character and cannot be written as UTF-8. Matched
// without the u flag, so code unit by code unit: whole pairs are kept, lone halves dropped.
const SURROGATE_PAIR_OR_LONE_HALF = /([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF]/g;

export function normaliseText(value: string, { singleLine = false } = {}): string {
	let text = value
		.replace(/\r\n?/g, '\n')
		.replace(CONTROL_CHARACTERS, '')
		.replace(SURROGATE_PAIR_OR_LONE_HALF, '$1')
		.normalize('NFC');
	if (singleLine) text = text.replace(/\s*\n\s*/g, ' ');
	return text.trim();
}

/**
 * Characters as a person counts them: Unicode code points after NFC, so "é" is one character
 * however it was typed and an emoji is not two. (An HTML maxlength counts UTF-16 code units, which
 * is why answer forms should not rely on it.)
 */
export function characterCount(value: string): number {
	return Array.from(value.normalize('NFC')).length;
}
