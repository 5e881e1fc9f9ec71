import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseRow, type SafeCell } from '$lib/domain/spreadsheet-safety';

const ROWS_PER_FLUSH = 500;

function cellValue(cell: SafeCell): ExcelJS.CellValue {
	// Text is only ever written as a string cell, never as a formula; the guard has already
	// prefixed anything that a spreadsheet could still take for one.
	return typeof cell === 'bigint' ? String(cell) : (cell ?? null);
}

/**
 * Streams rows as a one-sheet XLSX workbook (header frozen and bold), written row by row with
 * ExcelJS's streaming writer: strings inline, numbers as numbers, times as UTC date cells. Every
 * text cell, headers included, goes through the formula guard first. Writing waits whenever the
 * reader falls behind, so memory stays flat however many rows there are.
 */
export function xlsxStream(
	rows: Iterable<unknown[]>,
	sheetName: string
): ReadableStream<Uint8Array> {
	const output = new PassThrough();
	void write(rows, sheetName, output).catch((error: unknown) =>
		output.destroy(error instanceof Error ? error : new Error(String(error)))
	);
	return Readable.toWeb(output) as unknown as ReadableStream<Uint8Array>;
}

async function write(rows: Iterable<unknown[]>, sheetName: string, output: PassThrough) {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: output,
		useStyles: true,
		useSharedStrings: false
	});
	const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
	let written = 0;
	for (const values of rows) {
		if (output.destroyed) return;
		const cells = neutraliseRow(values);
		const row = sheet.addRow(cells.map(cellValue));
		if (written === 0) row.font = { bold: true };
		cells.forEach((cell, index) => {
			if (cell instanceof Date) row.getCell(index + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
		});
		row.commit();
		written += 1;
		if (written % ROWS_PER_FLUSH === 0) {
			// Let the zip writer catch up, then wait for the reader if it is behind.
			await new Promise((resolve) => setImmediate(resolve));
			if (output.writableNeedDrain) await drained(output);
		}
	}
	sheet.commit();
	await workbook.commit();
}

/** Resolves when the reader has caught up, or has gone away. */
function drained(output: PassThrough) {
	return new Promise<void>((resolve) => {
		const done = () => {
			output.off('drain', done);
			output.off('close', done);
			resolve();
		};
		output.on('drain', done);
		output.on('close', done);
	});
}
