import { parse } from 'csv-parse/sync';
import { eq, lt, or, sql } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import { generateToken } from '../auth/tokens';
import { writeTransaction, type Db } from '../db';
import { customer, customerImport, customerService, service } from '../db/schema';
import { customerSchema, type CustomerInput } from './schemas';

export const IMPORT_COLUMNS = [
	'name',
	'email',
	'phone',
	'reference',
	'tenure',
	'services',
	'consent_surveys',
	'consent_updates',
	'notes'
] as const;
export const MAX_IMPORT_BYTES = 2_000_000;
const PREVIEW_MS = 24 * 60 * 60_000;

export type ImportProblem = { row: number; column: string; reason: string };
export type ImportRow = { row: number; input: CustomerInput; matchId: number | null };
/** `columns`: the file's own columns; only those change a customer already on record. */
type Stored = { rows: ImportRow[]; problems: ImportProblem[]; columns?: string[] };

/** The customer field each column sets (services are handled apart). */
const FIELD_OF_COLUMN = {
	name: 'name',
	email: 'email',
	phone: 'phone',
	reference: 'reference',
	tenure: 'tenure',
	consent_surveys: 'consentSurveys',
	consent_updates: 'consentUpdates',
	notes: 'notes'
} as const;
/** The column a problem with a field is reported under. */
const columnOf: Record<string, string> = {
	...Object.fromEntries(Object.entries(FIELD_OF_COLUMN).map(([column, field]) => [field, column])),
	serviceIds: 'services'
};

const yes = (v: string | undefined) => (/^(yes|y|true|1)$/i.test(v?.trim() ?? '') ? 'yes' : '');

// A tenancy reference is the same whatever its case, as an email address is.
const sameReference = (reference: string) =>
	sql`lower(${customer.reference}) = ${reference.toLowerCase()}`;

function matchOf(db: Db, input: CustomerInput): number | null {
	const conditions = [
		input.email ? eq(customer.email, input.email) : undefined,
		input.reference ? sameReference(input.reference) : undefined
	].filter((c) => c !== undefined);
	if (conditions.length === 0) return null;
	return (
		db
			.select({ id: customer.id })
			.from(customer)
			.where(or(...conditions))
			.get()?.id ?? null
	);
}

function matchesTwo(db: Db, input: CustomerInput): boolean {
	if (!input.email || !input.reference) return false;
	const byEmail = db
		.select({ id: customer.id })
		.from(customer)
		.where(eq(customer.email, input.email))
		.get();
	const byReference = db
		.select({ id: customer.id })
		.from(customer)
		.where(sameReference(input.reference))
		.get();
	return !!byEmail && !!byReference && byEmail.id !== byReference.id;
}

/**
 * The text of an uploaded CSV file, whatever Excel saved it as: UTF-8 (with or without its byte
 * order mark), UTF-16 with its mark ("Unicode text"), or, when the bytes are not UTF-8, Windows-1252
 * (Excel's plain "CSV" on a UK machine, where "Siân" and "£" are single bytes).
 */
export function decodeCsvFile(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

/** Reads the file and keeps a preview; nothing reaches the customer table until confirmed. */
export function previewImport(
	db: Db,
	actor: Actor & { id: number },
	fileName: string,
	csv: string
): { error: string } | { id: string } {
	let records: Record<string, string>[];
	try {
		records = parse(csv, {
			columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
			bom: true,
			skip_empty_lines: true,
			trim: true,
			relax_column_count: true
		});
	} catch (error) {
		return {
			error: `The file could not be read as CSV: ${error instanceof Error ? error.message : 'unknown problem'}`
		};
	}
	if (records.length === 0) return { error: 'The file has no rows' };
	const missing = ['name'].filter((c) => !(c in records[0]!));
	if (missing.length) return { error: `The file needs a column headed "name"` };
	const services = new Map(
		db
			.select()
			.from(service)
			.all()
			.map((s) => [s.name.toLowerCase(), s.id])
	);
	const problems: ImportProblem[] = [];
	const rows: ImportRow[] = [];
	const seen = new Map<string, number>();
	records.forEach((record, index) => {
		const row = index + 2;
		const serviceNames = (record.services ?? '')
			.split(';')
			.map((s) => s.trim())
			.filter(Boolean);
		const unknown = serviceNames.filter((n) => !services.has(n.toLowerCase()));
		for (const name of unknown)
			problems.push({ row, column: 'services', reason: `No service called "${name}"` });
		const parsed = customerSchema.safeParse({
			...record,
			serviceIds: serviceNames
				.filter((n) => services.has(n.toLowerCase()))
				.map((n) => String(services.get(n.toLowerCase()))),
			tenure: record.tenure?.toUpperCase() ?? '',
			consentSurveys: yes(record.consent_surveys),
			consentUpdates: yes(record.consent_updates)
		});
		if (!parsed.success) {
			for (const issue of parsed.error.issues)
				problems.push({
					row,
					column: columnOf[String(issue.path[0])] ?? String(issue.path[0]),
					reason: issue.message
				});
			return;
		}
		if (unknown.length) return;
		const keys = [parsed.data.email?.toLowerCase(), parsed.data.reference?.toLowerCase()];
		for (const key of keys) {
			if (!key) continue;
			const earlier = seen.get(key);
			if (earlier) {
				problems.push({
					row,
					column: key === keys[0] ? 'email' : 'reference',
					reason: `Same as row ${earlier}`
				});
				return;
			}
		}
		for (const key of keys) if (key) seen.set(key, row);
		if (matchesTwo(db, parsed.data)) {
			problems.push({
				row,
				column: 'reference',
				reason: 'The email and the reference belong to two different customers'
			});
			return;
		}
		rows.push({ row, input: parsed.data, matchId: matchOf(db, parsed.data) });
	});
	const id = generateToken();
	db.delete(customerImport)
		.where(lt(customerImport.createdAt, new Date(Date.now() - PREVIEW_MS)))
		.run();
	const columns = Object.keys(records[0]!).filter((c) =>
		(IMPORT_COLUMNS as readonly string[]).includes(c)
	);
	db.insert(customerImport)
		.values({
			id,
			createdBy: actor.id,
			fileName,
			rows: [{ rows, problems, columns } satisfies Stored]
		})
		.run();
	return { id };
}

export function getImport(db: Db, id: string, userId: number) {
	const found = db.select().from(customerImport).where(eq(customerImport.id, id)).get();
	if (!found || found.createdBy !== userId) return undefined;
	const stored = found.rows[0] as Stored;
	return { id: found.id, fileName: found.fileName, ...stored };
}

/**
 * Writes every good row in one transaction, matching existing customers on email or reference
 * again at this moment, so importing a corrected file updates rather than duplicates. A customer
 * already on record changes only in the file's columns: a file of names and emails leaves their
 * phone, tenure, consent and services as they were. Each customer created or changed gets an audit
 * entry of its own, with what changed, as an edit on the form does: the record's history, a
 * subject access export and erasure (which finds every address the person used) all read it.
 */
export function confirmImport(db: Db, actor: Actor & { id: number }, id: string) {
	return writeTransaction(db, (tx) => {
		const preview = getImport(tx, id, actor.id);
		if (!preview) return undefined;
		let created = 0;
		let updated = 0;
		const inFile = new Set<string>(preview.columns ?? IMPORT_COLUMNS);
		for (const { input } of preview.rows) {
			const { serviceIds, ...columns } = input;
			let customerId = matchOf(tx, input);
			if (customerId) {
				const given = Object.fromEntries(
					Object.entries(FIELD_OF_COLUMN)
						.filter(([column]) => inFile.has(column))
						.map(([, field]) => [field, columns[field]])
				);
				const current = tx.select().from(customer).where(eq(customer.id, customerId)).get()!;
				const before: Record<string, unknown> = {};
				const after: Record<string, unknown> = {};
				for (const [field, value] of Object.entries(given)) {
					const old = current[field as keyof typeof current];
					if (old === value) continue;
					before[field] = old;
					after[field] = value;
				}
				if (inFile.has('services')) {
					const held = tx
						.select({ id: customerService.serviceId })
						.from(customerService)
						.where(eq(customerService.customerId, customerId))
						.all()
						.map((s) => s.id)
						.sort((a, b) => a - b);
					const next = [...new Set(serviceIds)].sort((a, b) => a - b);
					if (held.join() !== next.join()) {
						before.serviceIds = held;
						after.serviceIds = next;
					}
				}
				tx.update(customer)
					.set({ ...given, updatedAt: new Date() })
					.where(eq(customer.id, customerId))
					.run();
				updated += 1;
				if (Object.keys(after).length > 0)
					recordAudit(tx, actor, {
						action: 'customer.import-update',
						entity: 'customer',
						entityId: customerId,
						before,
						after
					});
				if (!inFile.has('services')) continue;
			} else {
				customerId = tx.insert(customer).values(columns).returning({ id: customer.id }).get().id;
				created += 1;
				recordAudit(tx, actor, {
					action: 'customer.import-create',
					entity: 'customer',
					entityId: customerId,
					after: { ...columns, serviceIds }
				});
			}
			tx.delete(customerService).where(eq(customerService.customerId, customerId)).run();
			for (const serviceId of new Set(serviceIds))
				tx.insert(customerService).values({ customerId, serviceId }).run();
		}
		tx.delete(customerImport).where(eq(customerImport.id, id)).run();
		recordAudit(tx, actor, {
			action: 'customer.import',
			entity: 'customer',
			after: { fileName: preview.fileName, created, updated, skipped: preview.problems.length }
		});
		return { created, updated };
	});
}
