import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { env } from '../env';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (creating if needed) the SQLite file with the pragmas the product relies on:
 * WAL for concurrent readers, FULL sync so an answer we said was saved survives a power cut,
 * foreign keys enforced, and a busy timeout instead of immediate SQLITE_BUSY.
 */
export function openDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	return drizzle(sqlite, { schema }) as Db;
}

export function migrateDatabase(db: Db, migrationsFolder = resolve('drizzle')): void {
	migrate(db, { migrationsFolder });
}

/**
 * Runs `work` in a transaction that takes the write lock at BEGIN, so a read-then-write cannot be
 * overtaken by another writer between the two. `work` must be synchronous: better-sqlite3 cannot
 * roll back across an await.
 */
export function writeTransaction<T>(db: Db, work: (tx: Db) => T): T {
	const run = db.$client.transaction(() => work(db));
	return run.immediate();
}

let instance: Db | undefined;

/** The application's one database handle, opened and migrated on first use. */
export function getDb(): Db {
	if (!instance) {
		const config = env();
		instance = openDatabase(config.DATABASE_PATH);
		migrateDatabase(instance, config.MIGRATIONS_PATH);
	}
	return instance;
}

export function closeDb(): void {
	instance?.$client.close();
	instance = undefined;
}
