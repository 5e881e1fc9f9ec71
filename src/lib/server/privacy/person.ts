/**
 * How what is held about one customer is found: by their record, or by its email address where
 * nothing links the record (a contact made through "Tell us", say), in any letter case.
 */
import { eq, or, sql, type SQL } from 'drizzle-orm';
import { contact } from '../db/schema';

/** The record's email address as lookups compare it, or null. */
export function emailOf(person: { email: string | null }): string | null {
	return person.email?.trim().toLowerCase() || null;
}

/** The contacts that are the customer's: linked to the record, or from its address. */
export function contactsOfPerson(customerId: number, email: string | null): SQL | undefined {
	return email
		? or(eq(contact.customerId, customerId), sql`lower(${contact.customerEmail}) = ${email}`)
		: eq(contact.customerId, customerId);
}
