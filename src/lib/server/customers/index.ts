import { and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { customer, customerService, service, type Customer } from '../db/schema';
import { containsText } from '../db/text-search';
import type { CustomerInput } from './schemas';

export class CustomerError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

export const CUSTOMER_PAGE_SIZE = 50;

export type CustomerFilter = { q?: string; serviceId?: number; tenure?: string; page?: number };

export function searchCustomers(db: Db, filter: CustomerFilter) {
	const conditions: SQL[] = [];
	const q = filter.q?.trim();
	if (q)
		conditions.push(
			or(
				containsText(customer.name, q),
				containsText(customer.email, q),
				containsText(customer.reference, q),
				containsText(customer.phone, q)
			)!
		);
	if (filter.tenure === 'LCRA' || filter.tenure === 'LCHO')
		conditions.push(eq(customer.tenure, filter.tenure));
	if (filter.serviceId)
		conditions.push(
			inArray(
				customer.id,
				db
					.select({ id: customerService.customerId })
					.from(customerService)
					.where(eq(customerService.serviceId, filter.serviceId))
			)
		);
	const where = conditions.length ? and(...conditions) : undefined;
	const page = Math.max(1, filter.page ?? 1);
	const rows = db
		.select()
		.from(customer)
		.where(where)
		.orderBy(asc(customer.name), asc(customer.id))
		.limit(CUSTOMER_PAGE_SIZE)
		.offset((page - 1) * CUSTOMER_PAGE_SIZE)
		.all();
	const total =
		db
			.select({ n: sql<number>`count(*)` })
			.from(customer)
			.where(where)
			.get()?.n ?? 0;
	return { rows, total, page };
}

export function getCustomer(db: Db, id: number) {
	const found = db.select().from(customer).where(eq(customer.id, id)).get();
	if (!found) return undefined;
	const services = db
		.select({ id: service.id, name: service.name })
		.from(customerService)
		.innerJoin(service, eq(service.id, customerService.serviceId))
		.where(eq(customerService.customerId, id))
		.all();
	return { ...found, services };
}

function assertUnique(db: Db, input: CustomerInput, exceptId?: number) {
	const others = (column: typeof customer.email | typeof customer.reference, value: string) =>
		db
			.select({ id: customer.id })
			.from(customer)
			.where(and(eq(column, value), exceptId ? ne(customer.id, exceptId) : undefined))
			.get();
	if (input.email && others(customer.email, input.email))
		throw new CustomerError('email', 'Another customer already has this email address');
	if (input.reference && others(customer.reference, input.reference))
		throw new CustomerError('reference', 'Another customer already has this reference');
}

function assertServices(db: Db, ids: number[]) {
	if (ids.length === 0) return;
	const known = db
		.select({ id: service.id })
		.from(service)
		.where(inArray(service.id, ids))
		.all().length;
	if (known !== new Set(ids).size)
		throw new CustomerError('serviceIds', 'Choose services from the list');
}

function columnsOf(input: CustomerInput) {
	const { serviceIds: _serviceIds, ...columns } = input;
	return columns;
}

function setServices(db: Db, customerId: number, ids: number[]) {
	db.delete(customerService).where(eq(customerService.customerId, customerId)).run();
	for (const serviceId of new Set(ids))
		db.insert(customerService).values({ customerId, serviceId }).run();
}

export function createCustomer(db: Db, actor: Actor, input: CustomerInput): Customer {
	return writeTransaction(db, (tx) => {
		assertUnique(tx, input);
		assertServices(tx, input.serviceIds);
		const row = tx.insert(customer).values(columnsOf(input)).returning().get();
		setServices(tx, row.id, input.serviceIds);
		recordAudit(tx, actor, {
			action: 'customer.create',
			entity: 'customer',
			entityId: row.id,
			after: input
		});
		return row;
	});
}

export function updateCustomer(db: Db, actor: Actor, id: number, input: CustomerInput): void {
	writeTransaction(db, (tx) => {
		const before = getCustomer(tx, id);
		if (!before) throw new CustomerError('form', 'This customer no longer exists');
		assertUnique(tx, input, id);
		assertServices(tx, input.serviceIds);
		tx.update(customer)
			.set({ ...columnsOf(input), updatedAt: new Date() })
			.where(eq(customer.id, id))
			.run();
		setServices(tx, id, input.serviceIds);
		recordAudit(tx, actor, {
			action: 'customer.update',
			entity: 'customer',
			entityId: id,
			before: { ...before, services: before.services.map((s) => s.id) },
			after: input
		});
	});
}

/** Marks a customer as not wanting survey mail. Safe to repeat. */
export function optOutCustomer(db: Db, actor: Actor, id: number): void {
	const updated = db
		.update(customer)
		.set({ optedOutAt: new Date(), updatedAt: new Date() })
		.where(and(eq(customer.id, id), isNull(customer.optedOutAt)))
		.run();
	if (updated.changes > 0)
		recordAudit(db, actor, { action: 'customer.opt-out', entity: 'customer', entityId: id });
}
