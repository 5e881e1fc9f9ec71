import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { csvStream } from './csv';
import { xlsxStream } from './xlsx';

const formats = {
	csv: { type: 'text/csv; charset=utf-8' },
	xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }
} as const;

export type ExportFormat = keyof typeof formats;

const formatSchema = z.enum(['csv', 'xlsx']).default('csv');

/** `?format=` of an export URL: CSV unless it asks for XLSX; anything else is not a page. */
export function parseExportFormat(params: URLSearchParams): ExportFormat {
	const parsed = formatSchema.safeParse(params.get('format') ?? undefined);
	if (!parsed.success) error(404, 'Not found');
	return parsed.data;
}

/** A download of rows in the chosen format, streamed as it is written, never cached. */
export function downloadResponse(
	format: ExportFormat,
	name: string,
	sheetName: string,
	rows: Iterable<unknown[]>
): Response {
	const body = format === 'xlsx' ? xlsxStream(rows, sheetName) : csvStream(rows);
	return new Response(body, {
		headers: {
			'content-type': formats[format].type,
			'content-disposition': `attachment; filename="${name}.${format}"`,
			'cache-control': 'no-store'
		}
	});
}
