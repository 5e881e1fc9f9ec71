/**
 * How typed answers are cleaned and counted. The character-count component and the server must
 * count the same way, so both use characterCount.
 */

// Control characters other than tab and line feed have no place in an answer, and U+0000 is
// refused outright by PostgreSQL text columns.
const CONTROL_CHARACTERS = /[^\P{Cc}\t\n]/gu;

export function normaliseText(value: string, { singleLine = false } = {}): string {
	let text = value.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '').normalize('NFC');
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
