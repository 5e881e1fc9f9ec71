import { writeTransaction, type Db } from '../db';
import { customer, customerService } from '../db/schema';
import type { DemoFoundation } from './foundation';
import type { Random } from './random';

const FIRST = ['Amara', 'Ben', 'Chloe', 'Dev', 'Ewa', 'Femi', 'Grace', 'Hamza', 'Iris', 'Jon'];
const LAST = ['Okafor', 'Smith', 'Kowalski', 'Patel', 'Jones', 'Nguyen', 'Hughes', 'Ali', 'Evans'];
const NEEDS = ['', '', '', '', '', 'Large print', 'Prefers Polish', 'Prefers phone calls', 'BSL'];

/** A few hundred tenants and shared owners, most with an email address and consent to surveys. */
export function seedCustomers(db: Db, foundation: DemoFoundation, random: Random): number {
	const count = 300;
	writeTransaction(db, (tx) => {
		for (let i = 1; i <= count; i++) {
			const name = `${random.pick(FIRST)} ${random.pick(LAST)}`;
			const row = tx
				.insert(customer)
				.values({
					name,
					email: random.chance(0.85) ? `tenant${i}@example.net` : null,
					phone: random.chance(0.6) ? `01632 96${String(i).padStart(4, '0')}` : null,
					reference: `RH-${String(10000 + i)}`,
					tenure: random.chance(0.85) ? 'LCRA' : 'LCHO',
					consentSurveys: random.chance(0.8),
					consentUpdates: random.chance(0.5),
					notes: random.pick(NEEDS)
				})
				.returning({ id: customer.id })
				.get();
			const services = new Set([
				random.pick(foundation.services),
				random.pick(foundation.services)
			]);
			for (const s of services)
				tx.insert(customerService).values({ customerId: row.id, serviceId: s.id }).run();
		}
	});
	return count;
}
