import { neutraliseRow, type SafeCell } from '$lib/domain/spreadsheet-safety';

/**
 * One CSV record (RFC 4180): fields holding a comma, quote, CR or LF are quoted, quotes doubled,
 * records ended by CRLF. Every text cell, headers included, first goes through the formula guard.
 * Written here because no CSV library is installed; the format is small enough to own.
 */
export function csvRecord(values: readonly unknown[]): string {
	return neutraliseRow(values).map(csvField).join(',') + '\r\n';
}

function csvField(cell: SafeCell): string {
	if (cell === null || cell === undefined) return '';
	const text = cell instanceof Date ? cell.toISOString() : String(cell);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
