import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { neutraliseRow } from '$lib/domain/spreadsheet-safety';

// Records are gathered into chunks of about this size rather than sent one by one.
const CHUNK_BYTES = 64 * 1024;

/**
 * Streams rows as CSV (RFC 4180: CRLF records, fields quoted where needed), pulling rows only as
 * fast as the reader takes the file. Every text cell, headers included, first goes through the
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
	const records: AsyncIterator<Buffer> = pipeline(safeRows, stringifier, () => {})[
		Symbol.asyncIterator
	]();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const chunk: Buffer[] = [];
			let size = 0;
			while (size < CHUNK_BYTES) {
				const next = await records.next();
				if (next.done) {
					if (size > 0) controller.enqueue(Buffer.concat(chunk, size));
					controller.close();
					return;
				}
				chunk.push(next.value);
				size += next.value.length;
			}
			controller.enqueue(Buffer.concat(chunk, size));
		},
		// A download that is cancelled tears the whole pipeline down.
		async cancel() {
			await records.return?.();
		}
	});
}
