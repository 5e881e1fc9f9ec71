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
	reusePreparedStatements(sqlite);
	return drizzle(sqlite, { schema }) as Db;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle asks better-sqlite3 to prepare every query afresh, and preparing costs more than running
 * most of our queries. The same SQL text gets the same compiled statement back (least recently
 * used dropped past STATEMENT_CACHE_SIZE), reset to return whole rows as objects, as a new one
 * would. A statement still being iterated is never handed out twice.
 */
function reusePreparedStatements(sqlite: Database.Database): void {
	const prepare = sqlite.prepare.bind(sqlite);
	const cache = new Map<string, Database.Statement>();
	sqlite.prepare = ((source: string) => {
		const cached = cache.get(source);
		if (cached && !cached.busy) {
			cache.delete(source);
			cache.set(source, cached);
			if (cached.reader) cached.pluck(false).expand(false).raw(false);
			return cached;
		}
		const statement = prepare(source);
		if (cached) return statement;
		cache.set(source, statement);
		if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
		return statement;
	}) as typeof sqlite.prepare;
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

type QueuedWrite = { work: (tx: Db) => unknown; done: (error: unknown, value?: unknown) => void };
const queues = new WeakMap<Db, QueuedWrite[]>();

/**
 * Like writeTransaction, but writes that arrive together share one commit, and so one wait for the
 * disk ("group commit"). Each write runs in a savepoint of its own, in arrival order, exactly as if
 * it ran alone: one that throws is rolled back by itself and its caller gets the error; the others
 * still commit. Every promise settles only after the commit, so a write reported done is on disk.
 * For the writes respondents make many of (saving a survey page); `work` must be synchronous.
 */
export function groupedWriteTransaction<T>(db: Db, work: (tx: Db) => T): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let queue = queues.get(db);
		if (!queue) {
			queues.set(db, (queue = []));
			setImmediate(() => commitQueued(db));
		}
		queue.push({ work, done: (error, value) => (error ? reject(error) : resolve(value as T)) });
	});
}

function commitQueued(db: Db): void {
	const queue = queues.get(db) ?? [];
	queues.delete(db);
	const outcomes: { error?: unknown; value?: unknown }[] = [];
	try {
		writeTransaction(db, () => {
			for (const { work } of queue) {
				try {
					// A transaction inside a transaction is a savepoint in better-sqlite3.
					outcomes.push({ value: db.$client.transaction(() => work(db))() });
				} catch (error) {
					// Some failures (a full disk, an I/O error) make SQLite roll back the whole
					// transaction, not just the savepoint: then nothing in the batch is written, and
					// every caller must hear so.
					if (!db.$client.inTransaction) throw error;
					outcomes.push({ error: error ?? new Error('write failed') });
				}
			}
		});
	} catch (error) {
		for (const { done } of queue) done(error);
		return;
	}
	queue.forEach(({ done }, i) => done(outcomes[i]!.error, outcomes[i]!.value));
}

/**
 * A query built once per database handle and reused, for the few on a respondent's every request:
 * drizzle takes longer to build a query's SQL than SQLite takes to run it.
 */
export function preparedPerDb<Q>(build: (db: Db) => Q): (db: Db) => Q {
	const built = new WeakMap<Db, Q>();
	return (db) => {
		let query = built.get(db);
		if (!query) built.set(db, (query = build(db)));
		return query;
	};
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
