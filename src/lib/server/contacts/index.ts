import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import { complaint, complaintStage, contact, service, user, type ContactKind } from '../db/schema';
import { instantFromForm } from '../complaints/fields';
import { ComplaintError } from '../complaints/errors';
import { forgetContacts, forgetMail } from '../privacy/forget';
import type { PublicContactInput, StaffContactInput } from './schemas';

// No 0/O or 1/I/L: a reference is read out over the phone.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newReference(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	const chars = [...bytes].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]);
	return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function isReference(value: string): boolean {
	return new RegExp(`^[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}$`).test(value);
}

/** Staff who may own contacts and handle complaints. */
export function listHandlers(db: Db) {
	return db
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(and(eq(user.active, true), inArray(user.role, ['admin', 'staff'])))
		.orderBy(user.name)
		.all();
}

export function assertHandler(db: Db, id: number, field: string): void {
	const found = db
		.select({ id: user.id })
		.from(user)
		.where(and(eq(user.id, id), eq(user.active, true), inArray(user.role, ['admin', 'staff'])))
		.get();
	if (!found) throw new ComplaintError(field, 'Select a member of staff from the list');
}

function assertService(db: Db, id: number | null, field: string, required: boolean): void {
	if (id === null) {
		if (required) throw new ComplaintError(field, 'Select the service it is about');
		return;
	}
	const found = db
		.select({ id: service.id })
		.from(service)
		.where(and(eq(service.id, id), eq(service.active, true)))
		.get();
	if (!found) throw new ComplaintError(field, 'Select a service from the list');
}

type NewContact = {
	kind: ContactKind;
	serviceId: number | null;
	channel: (typeof contact.$inferInsert)['channel'];
	receivedAt: Date;
	text: string;
	customerName: string | null;
	customerEmail: string | null;
	customerPhone: string | null;
	contactConsent: boolean;
	resolvedAtFirstContact?: boolean | null;
	ownerId?: number | null;
	complimentFor?: string | null;
};

function insertContact(
	tx: Db,
	actor: Actor,
	values: NewContact,
	complaintDetails: {
		nature: (typeof complaint.$inferInsert)['nature'];
		handlerId: number | null;
	} | null
) {
	const row = tx
		.insert(contact)
		.values({ ...values, reference: newReference() })
		.returning()
		.get();
	recordAudit(tx, actor, {
		action: 'contact.create',
		entity: 'contact',
		entityId: row.id,
		after: {
			kind: row.kind,
			serviceId: row.serviceId,
			channel: row.channel,
			reference: row.reference
		}
	});
	if (!complaintDetails) return { contact: row, complaintId: null };
	const created = tx
		.insert(complaint)
		.values({ contactId: row.id, nature: complaintDetails.nature })
		.returning()
		.get();
	tx.insert(complaintStage)
		.values({
			complaintId: created.id,
			stage: 1,
			receivedAt: values.receivedAt,
			handlerId: complaintDetails.handlerId
		})
		.run();
	recordAudit(tx, actor, {
		action: 'complaint.create',
		entity: 'complaint',
		entityId: created.id,
		after: {
			reference: row.reference,
			nature: created.nature,
			receivedAt: values.receivedAt.toISOString(),
			stage1HandlerId: complaintDetails.handlerId
		}
	});
	return { contact: row, complaintId: created.id };
}

/** A contact logged by staff; a complaint starts its stage 1 at the same time. */
export function recordContact(db: Db, actor: Actor, input: StaffContactInput, now = new Date()) {
	return writeTransaction(db, (tx) => {
		assertService(tx, input.serviceId, 'serviceId', true);
		if (input.ownerId !== null) assertHandler(tx, input.ownerId, 'ownerId');
		if (input.handlerId !== null) assertHandler(tx, input.handlerId, 'handlerId');
		const receivedAt = instantFromForm(
			input.receivedOn,
			input.receivedTime,
			'receivedOn',
			'The date received',
			now
		);
		return insertContact(
			tx,
			actor,
			{
				kind: input.kind,
				serviceId: input.serviceId,
				channel: input.channel,
				receivedAt,
				text: input.text,
				customerName: input.customerName,
				customerEmail: input.customerEmail,
				customerPhone: input.customerPhone,
				contactConsent: input.contactConsent,
				resolvedAtFirstContact: input.kind === 'complaint' ? false : input.resolvedAtFirstContact,
				ownerId: input.ownerId,
				complimentFor: input.kind === 'compliment' ? input.complimentFor : null
			},
			input.kind === 'complaint'
				? { nature: input.nature ?? 'other', handlerId: input.handlerId }
				: null
		);
	});
}

/** A "Tell us" submission. A complaint arrives unassigned, in everyone's unassigned queue. */
export function submitPublicContact(db: Db, input: PublicContactInput, now = new Date()) {
	return writeTransaction(db, (tx) => {
		assertService(tx, input.serviceId, 'serviceId', false);
		return insertContact(
			tx,
			'public',
			{
				kind: input.kind,
				serviceId: input.serviceId,
				channel: 'web-form',
				receivedAt: now,
				text: input.text,
				customerName: input.customerName,
				customerEmail: input.customerEmail,
				customerPhone: input.customerPhone,
				contactConsent: input.contactConsent
			},
			input.kind === 'complaint' ? { nature: 'other', handlerId: null } : null
		);
	});
}

export type ContactFilter = { kind?: ContactKind; serviceId?: number; from?: Date; to?: Date };

export function listContacts(db: Db, filter: ContactFilter, limit = 200) {
	const where: SQL[] = [];
	if (filter.kind) where.push(eq(contact.kind, filter.kind));
	if (filter.serviceId) where.push(eq(contact.serviceId, filter.serviceId));
	if (filter.from) where.push(gte(contact.receivedAt, filter.from));
	if (filter.to) where.push(lte(contact.receivedAt, filter.to));
	return db
		.select({
			id: contact.id,
			reference: contact.reference,
			kind: contact.kind,
			channel: contact.channel,
			receivedAt: contact.receivedAt,
			text: contact.text,
			resolvedAtFirstContact: contact.resolvedAtFirstContact,
			service: service.name,
			owner: user.name,
			complaintId: complaint.id
		})
		.from(contact)
		.leftJoin(service, eq(service.id, contact.serviceId))
		.leftJoin(user, eq(user.id, contact.ownerId))
		.leftJoin(complaint, eq(complaint.contactId, contact.id))
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(contact.receivedAt), desc(contact.id))
		.limit(limit)
		.all();
}

export function getContact(db: Db, id: number) {
	return db
		.select({ contact, service: service.name, owner: user.name, complaintId: complaint.id })
		.from(contact)
		.leftJoin(service, eq(service.id, contact.serviceId))
		.leftJoin(user, eq(user.id, contact.ownerId))
		.leftJoin(complaint, eq(complaint.contactId, contact.id))
		.where(eq(contact.id, id))
		.get();
}

/**
 * Records when the customer was first replied to, which reply standards measure. A complaint is
 * answered through its acknowledgement and response instead, on the complaint's own page.
 */
export function recordReply(
	db: Db,
	actor: Actor,
	id: number,
	input: { repliedOn: string; repliedTime: string },
	now = new Date()
) {
	writeTransaction(db, (tx) => {
		const row = tx.select().from(contact).where(eq(contact.id, id)).get();
		if (!row) throw new ComplaintError('repliedOn', 'That contact no longer exists');
		if (row.kind === 'complaint')
			throw new ComplaintError(
				'repliedOn',
				'Record the reply to a complaint as its acknowledgement, on the complaint’s page'
			);
		const repliedAt = instantFromForm(
			input.repliedOn,
			input.repliedTime,
			'repliedOn',
			'The reply',
			now
		);
		if (repliedAt.getTime() < row.receivedAt.getTime())
			throw new ComplaintError('repliedOn', 'The reply cannot be before the contact was received');
		tx.update(contact).set({ repliedAt }).where(eq(contact.id, id)).run();
		recordAudit(tx, actor, {
			action: 'contact.replied',
			entity: 'contact',
			entityId: id,
			before: { repliedAt: row.repliedAt?.toISOString() ?? null },
			after: { repliedAt: repliedAt.toISOString() }
		});
	});
}

export function passOnCompliment(
	db: Db,
	actor: Actor,
	id: number,
	passedOnTo: string,
	now = new Date()
) {
	writeTransaction(db, (tx) => {
		const row = tx.select().from(contact).where(eq(contact.id, id)).get();
		if (!row || row.kind !== 'compliment')
			throw new ComplaintError('passedOnTo', 'Only a compliment can be passed on');
		tx.update(contact)
			.set({ complimentPassedOnAt: now, complimentPassedOnTo: passedOnTo })
			.where(eq(contact.id, id))
			.run();
		recordAudit(tx, actor, {
			action: 'contact.compliment-passed-on',
			entity: 'contact',
			entityId: id,
			before: { passedOnTo: row.complimentPassedOnTo },
			after: { passedOnTo }
		});
	});
}

/**
 * Removes what identifies the customer, including the link to their customer record, as erasure
 * and retention do (see privacy/forget.ts). The contact, its complaint and any handling-survey
 * answer stay, so counts and satisfaction by service, outcome and timeliness still add up; a
 * handling survey not yet sent is not sent, and the email of one sent loses its address.
 */
export function anonymiseContact(db: Db, actor: Actor, id: number, now = new Date()) {
	writeTransaction(db, (tx) => {
		const row = tx.select().from(contact).where(eq(contact.id, id)).get();
		if (!row || row.anonymisedAt) return;
		const text = '(removed when the customer was anonymised)';
		forgetMail(tx, forgetContacts(tx, [id], now, text).mailIds, text);
		recordAudit(tx, actor, { action: 'contact.anonymise', entity: 'contact', entityId: id });
	});
}
