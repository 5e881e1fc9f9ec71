import { getDb } from '../db';
import { env } from '../env';
import { seedComplaints } from './complaints';
import { seedConsultations } from './consultations';
import { seedCustomers } from './customers';
import { seedFoundation } from './foundation';
import { seededRandom } from './random';
import { seedSurveys } from './surveys';
import { seedMysteryShopping } from './mystery';
import { seedScrutiny } from './scrutiny';
import { seedStandards } from './standards';

/**
 * Fills a new database with a realistic organisation. Each area adds its own seeding here, after
 * the foundation it builds on.
 */
export async function main() {
	const db = getDb();
	const foundation = await seedFoundation(db);
	const random = seededRandom(20261123);
	const surveys = seedSurveys(db, foundation, random);
	console.log(
		`Surveys: ${Object.values(surveys)
			.map((s) => s.title)
			.join('; ')}`
	);
	console.log(
		`Customers: ${seedCustomers(db, foundation, seededRandom(44))} to invite to surveys.`
	);
	seedMysteryShopping(db, foundation);
	const complaints = seedComplaints(db, foundation, seededRandom(6));
	console.log(
		`Contacts and complaints: ${complaints.contacts} contacts over two years, ${complaints.complaints} of them complaints, ${complaints.answers} complaint-handling survey answers.`
	);
	console.log(
		`Service standards: ${seedStandards(db)} of them, measured from those contacts, complaints and mystery shops.`
	);
	const origin = env().ORIGIN ?? 'http://localhost:3000';
	const consultations = seedConsultations(db, foundation, seededRandom(77), surveys, origin);
	console.log(
		`Consultations: ${consultations} published, with focus groups, findings and actions ("you said, we did").`
	);
	seedScrutiny(db, foundation, surveys, origin);
	console.log(
		'Scrutiny: a panel review of repairs, answered and with actions under way, one the panel is still writing, and the panel’s comments and challenges on results.'
	);
	console.log(
		'\nDemo data is ready: Riverside Homes, a housing association of about 8,000 homes.\n'
	);
	console.log(
		`Open ${origin} and sign in with one of these accounts (passwords are shown only now):\n`
	);
	for (const c of foundation.credentials)
		console.log(`  ${c.role.padEnd(8)} ${c.email.padEnd(28)} ${c.password}`);
	console.log('');
	return 0;
}
