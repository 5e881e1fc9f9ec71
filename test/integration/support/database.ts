import { hashPassword } from '../../../src/lib/server/auth/password';
import { openDatabase, type Db } from '../../../src/lib/server/db';
import { organisation, user, type Role } from '../../../src/lib/server/db/schema';

/** Opens the running server's SQLite file beside it (WAL lets both use it at once). */
export function openTestDatabase(path: string): Db {
	return openDatabase(path);
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function seedUsers(db: Db, organisationName = 'Riverside Homes') {
	db.insert(organisation)
		.values({ id: 1, name: organisationName, updatedAt: new Date() })
		.onConflictDoNothing()
		.run();
	const passwordHash = await hashPassword(TEST_PASSWORD);
	const make = (role: Role) =>
		db
			.insert(user)
			.values({ email: `${role}@example.org`, name: `Test ${role}`, role, passwordHash })
			.returning()
			.get();
	return {
		admin: make('admin'),
		staff: make('staff'),
		panel: make('panel'),
		shopper: make('shopper')
	};
}
