import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { neutraliseRow } from '$lib/domain/spreadsheet-safety';

/**
 * Streams rows as CSV (RFC 4180: CRLF records, fields quoted where needed), pulling the next row
 * only when the reader wants more. Every text cell, headers included, first goes through the
 * formula guard; numbers stay numbers and times are written as UTC ISO 8601.
 */
export function csvStream(rows: Iterable<unknown[]>): ReadableStream<Uint8Array> {
	const stringifier = stringify({
		record_delimiter: 'windows',
		cast: { date: (value) => value.toISOString(), boolean: (value) => String(value) }
	});
	const safeRows = Readable.from(
		(function* () {
			for (const row of rows) yield neutraliseRow(row);
		})()
	);
	// A reader that goes away (a cancelled download) tears the whole pipeline down.
	return Readable.toWeb(
		pipeline(safeRows, stringifier, () => {})
	) as unknown as ReadableStream<Uint8Array>;
}
