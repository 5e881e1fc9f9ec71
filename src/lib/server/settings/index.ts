import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { nations, organisation, service, type Organisation } from '../db/schema';
import { requiredText, wholeNumber } from '../forms/parse';

export const DEFAULT_ORGANISATION_NAME = 'Your organisation';

export function getOrganisation(db: Db): Organisation {
	return (
		db.select().from(organisation).where(eq(organisation.id, 1)).get() ?? {
			id: 1,
			name: DEFAULT_ORGANISATION_NAME,
			nation: 'england-and-wales',
			homesLcra: 0,
			homesLcho: 0,
			minGroupSize: 5,
			minGroupSizeText: 10,
			updatedAt: new Date(0)
		}
	);
}

export const nationLabels: Record<(typeof nations)[number], string> = {
	'england-and-wales': 'England and Wales',
	scotland: 'Scotland',
	'northern-ireland': 'Northern Ireland'
};

export const organisationSchema = z
	.object({
		name: requiredText('the organisation’s name', 120),
		nation: z.enum(nations, { error: 'Select where the organisation is, for bank holidays' }),
		homesLcra: wholeNumber('the number of low-cost rental homes', 0, 10_000_000),
		homesLcho: wholeNumber('the number of low-cost home ownership homes', 0, 10_000_000),
		minGroupSize: wholeNumber('the minimum group size', 3, 1000),
		minGroupSizeText: wholeNumber('the minimum group size for comments', 3, 1000)
	})
	.refine((s) => s.minGroupSizeText >= s.minGroupSize, {
		path: ['minGroupSizeText'],
		message: 'The minimum group size for comments must be at least the minimum group size'
	});

export type OrganisationInput = z.output<typeof organisationSchema>;

export function updateOrganisation(db: Db, actor: Actor, input: OrganisationInput): void {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(organisation).where(eq(organisation.id, 1)).get();
		const values = { ...input, updatedAt: new Date() };
		tx.insert(organisation)
			.values({ id: 1, ...values })
			.onConflictDoUpdate({ target: organisation.id, set: values })
			.run();
		recordAudit(tx, actor, {
			action: 'settings.update',
			entity: 'organisation',
			entityId: 1,
			before: before ? withoutTimestamps(before) : null,
			after: input
		});
	});
}

function withoutTimestamps(row: Organisation) {
	const { updatedAt: _updatedAt, ...rest } = row;
	return rest;
}

export function listServices(db: Db, { activeOnly = false } = {}) {
	return db
		.select()
		.from(service)
		.where(activeOnly ? eq(service.active, true) : undefined)
		.orderBy(asc(sql`lower(${service.name})`))
		.all();
}

export const serviceSchema = z.object({ name: requiredText('the service’s name', 80) });

export class DuplicateServiceError extends Error {}

function assertNameFree(db: Db, name: string, exceptId?: number) {
	const clash = db
		.select({ id: service.id })
		.from(service)
		.where(sql`lower(${service.name}) = lower(${name})`)
		.get();
	if (clash && clash.id !== exceptId)
		throw new DuplicateServiceError(`There is already a service called ${name}`);
}

export function createService(db: Db, actor: Actor, name: string) {
	return writeTransaction(db, (tx) => {
		assertNameFree(tx, name);
		const row = tx.insert(service).values({ name }).returning().get();
		recordAudit(tx, actor, {
			action: 'service.create',
			entity: 'service',
			entityId: row.id,
			after: { name }
		});
		return row;
	});
}

export function renameService(db: Db, actor: Actor, id: number, name: string) {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(service).where(eq(service.id, id)).get();
		if (!before) throw new DuplicateServiceError('That service no longer exists');
		assertNameFree(tx, name, id);
		tx.update(service).set({ name }).where(eq(service.id, id)).run();
		recordAudit(tx, actor, {
			action: 'service.rename',
			entity: 'service',
			entityId: id,
			before: { name: before.name },
			after: { name }
		});
	});
}

export function setServiceActive(db: Db, actor: Actor, id: number, active: boolean) {
	writeTransaction(db, (tx) => {
		const before = tx.select().from(service).where(eq(service.id, id)).get();
		if (!before || before.active === active) return;
		tx.update(service).set({ active }).where(eq(service.id, id)).run();
		recordAudit(tx, actor, {
			action: active ? 'service.reactivate' : 'service.retire',
			entity: 'service',
			entityId: id,
			before: { active: before.active },
			after: { active }
		});
	});
}
