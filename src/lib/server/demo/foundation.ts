import { hashPassword } from '../auth/password';
import { generateToken } from '../auth/tokens';
import type { Db } from '../db';
import { organisation, service, user, type Role, type Service, type User } from '../db/schema';

export const DEMO_ORGANISATION = {
	name: 'Riverside Homes',
	nation: 'england-and-wales' as const,
	homesLcra: 7350,
	homesLcho: 650
};

export const DEMO_SERVICES = [
	'Repairs',
	'Lettings',
	'Rents and income',
	'Anti-social behaviour',
	'Estate services',
	'Customer services'
];

const DEMO_PEOPLE: { role: Role; name: string; email: string }[] = [
	{ role: 'admin', name: 'Aisha Khan', email: 'admin@riverside.example' },
	{ role: 'staff', name: 'Tom Hughes', email: 'staff@riverside.example' },
	{ role: 'panel', name: 'Margaret Osei', email: 'panel@riverside.example' },
	{ role: 'shopper', name: 'Dev Patel', email: 'shopper@riverside.example' }
];

export type DemoFoundation = {
	services: Service[];
	users: Record<Role, User>;
	credentials: { role: Role; email: string; password: string }[];
};

/** A housing association of about 8,000 homes, its services, and one account per role. */
export async function seedFoundation(db: Db): Promise<DemoFoundation> {
	const credentials = DEMO_PEOPLE.map((p) => ({
		role: p.role,
		email: p.email,
		password: generateToken().slice(0, 20)
	}));
	const hashes = await Promise.all(credentials.map((c) => hashPassword(c.password)));
	db.insert(organisation)
		.values({ id: 1, ...DEMO_ORGANISATION, updatedAt: new Date() })
		.run();
	const services = DEMO_SERVICES.map((name) =>
		db.insert(service).values({ name }).returning().get()
	);
	const users = {} as Record<Role, User>;
	DEMO_PEOPLE.forEach((person, i) => {
		users[person.role] = db
			.insert(user)
			.values({ ...person, passwordHash: hashes[i]! })
			.returning()
			.get();
	});
	return { services, users, credentials };
}
