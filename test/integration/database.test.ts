import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	groupedWriteTransaction,
	openDatabase,
	writeTransaction,
	type Db
} from '../../src/lib/server/db';
import { startServer } from './support/server';

describe('transactions that read then write', () => {
	let dir: string;
	let app: Db;
	let other: Database.Database;

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'said-and-done-db-'));
		const path = join(dir, 'locks.db');
		app = openDatabase(path);
		app.$client.exec('create table counter (id integer primary key, n integer not null)');
		app.$client.exec('insert into counter (id, n) values (1, 0)');
		// A second connection to the same file, as another request or worker would hold. No busy
		// timeout, so a lock it cannot take fails at once instead of waiting.
		other = new Database(path);
		other.pragma('busy_timeout = 0');
	});
	afterAll(() => {
		other?.close();
		app?.$client.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('hold the write lock from BEGIN, so no other writer gets in between the read and the write', () => {
		const seen = writeTransaction(app, (tx) => {
			const { n } = tx.$client.prepare('select n from counter where id = 1').get() as {
				n: number;
			};
			// With a deferred BEGIN this write would succeed (WAL lets it past a reader), and ours
			// below would then fail or overwrite it.
			expect(() => other.prepare('update counter set n = n + 100 where id = 1').run()).toThrow(
				/database is locked/
			);
			expect(() => other.exec('begin immediate')).toThrow(/database is locked/);
			tx.$client.prepare('update counter set n = ? where id = 1').run(n + 1);
			return n;
		});
		expect(seen).toBe(0);
		expect(other.prepare('select n from counter where id = 1').get()).toEqual({ n: 1 });
		// The lock is released at COMMIT.
		other.prepare('update counter set n = n + 1 where id = 1').run();
		expect(other.prepare('select n from counter where id = 1').get()).toEqual({ n: 2 });
	});

	test('roll back everything when the work throws, and release the lock', () => {
		expect(() =>
			writeTransaction(app, (tx) => {
				tx.$client.prepare('update counter set n = 999 where id = 1').run();
				throw new Error('half-way');
			})
		).toThrow('half-way');
		expect(other.prepare('select n from counter where id = 1').get()).toEqual({ n: 2 });
		other.prepare('update counter set n = 3 where id = 1').run();
	});
});

describe('writes that share one commit', () => {
	let dir: string;
	let app: Db;
	let other: Database.Database;

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'said-and-done-group-'));
		const path = join(dir, 'group.db');
		app = openDatabase(path);
		app.$client.exec('create table item (id integer primary key, label text not null unique)');
		other = new Database(path);
	});
	afterAll(() => {
		other?.close();
		app?.$client.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const insert = (tx: Db, label: string) =>
		tx.$client.prepare('insert into item (label) values (?)').run(label).lastInsertRowid;
	const labels = () =>
		(other.prepare('select label from item order by id').all() as { label: string }[]).map(
			(r) => r.label
		);

	test('writes made together commit once, in arrival order, and are on disk when each settles', async () => {
		const writes = ['batch-a', 'batch-b', 'batch-c'].map((label) =>
			groupedWriteTransaction(app, (tx) => {
				insert(tx, label);
				return {
					// Each write sees the ones queued before it, as if they had run one after another...
					inside: (tx.$client.prepare('select label from item').all() as { label: string }[])
						.length,
					// ...while another connection sees none of them yet: they share one transaction.
					outside: labels().length
				};
			})
		);
		// Nothing is written until the queue is committed.
		expect(labels()).toEqual([]);
		const seen = await Promise.all(writes);
		expect(seen).toEqual([
			{ inside: 1, outside: 0 },
			{ inside: 2, outside: 0 },
			{ inside: 3, outside: 0 }
		]);
		// Read through another connection: committed, not merely in this connection's transaction.
		expect(labels()).toEqual(['batch-a', 'batch-b', 'batch-c']);
		expect(app.$client.inTransaction).toBe(false);
	});

	test('one write that throws is rolled back alone; the others still commit', async () => {
		const outcomes = await Promise.allSettled([
			groupedWriteTransaction(app, (tx) => insert(tx, 'kept-1')),
			groupedWriteTransaction(app, (tx) => {
				insert(tx, 'half-done');
				insert(tx, 'kept-1'); // breaks the unique label
			}),
			groupedWriteTransaction(app, (tx) => insert(tx, 'kept-2'))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((outcomes[1] as PromiseRejectedResult).reason.message).toMatch(/UNIQUE/);
		expect(labels()).toEqual(['batch-a', 'batch-b', 'batch-c', 'kept-1', 'kept-2']);
	});

	test('a write that makes SQLite abandon the whole transaction fails the batch; nothing half-kept', async () => {
		// RAISE(ROLLBACK) undoes the whole transaction, as a full disk or an I/O error would.
		app.$client.exec(`create temp trigger doom before insert on item when new.label = 'doom'
			begin select raise(rollback, 'the disk is full'); end`);
		try {
			const outcomes = await Promise.allSettled([
				groupedWriteTransaction(app, (tx) => insert(tx, 'before-doom')),
				groupedWriteTransaction(app, (tx) => insert(tx, 'doom')),
				groupedWriteTransaction(app, (tx) => insert(tx, 'after-doom'))
			]);
			expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
			expect(labels().filter((l) => l.includes('doom'))).toEqual([]);
			expect(app.$client.inTransaction).toBe(false);
		} finally {
			app.$client.exec('drop trigger doom');
		}
	});

	test('when the commit itself fails, every write in it is refused and none is kept', async () => {
		// Another connection holding the write lock makes BEGIN IMMEDIATE fail after the busy wait.
		app.$client.pragma('busy_timeout = 0');
		other.exec('begin immediate');
		try {
			const outcomes = await Promise.allSettled([
				groupedWriteTransaction(app, (tx) => insert(tx, 'lost-1')),
				groupedWriteTransaction(app, (tx) => insert(tx, 'lost-2'))
			]);
			expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
		} finally {
			other.exec('rollback');
			app.$client.pragma('busy_timeout = 5000');
		}
		expect(labels()).not.toContain('lost-1');
		// The queue is clear: the next write goes through on its own.
		await groupedWriteTransaction(app, (tx) => insert(tx, 'after'));
		expect(labels().at(-1)).toBe('after');
	});
});

describe('prepared statements', () => {
	test('the same SQL gets the same statement back, reset to whole rows, unless it is still iterating', () => {
		const db = openDatabase(':memory:');
		try {
			db.$client.exec('create table t (a integer, b integer); insert into t values (1, 2), (3, 4)');
			const first = db.$client.prepare('select a, b from t order by a');
			expect(first.pluck().get()).toBe(1);
			const again = db.$client.prepare('select a, b from t order by a');
			expect(again).toBe(first);
			// A statement left plucked or raw by its last user comes back returning objects.
			expect(again.get()).toEqual({ a: 1, b: 2 });
			first.raw(true);
			expect(db.$client.prepare('select a, b from t order by a').all()).toEqual([
				{ a: 1, b: 2 },
				{ a: 3, b: 4 }
			]);
			const rows = db.$client.prepare('select a, b from t order by a').iterate();
			rows.next();
			const whileBusy = db.$client.prepare('select a, b from t order by a');
			expect(whileBusy).not.toBe(first);
			expect(whileBusy.all()).toHaveLength(2);
			rows.return?.();
		} finally {
			db.$client.close();
		}
	});
});

describe('the database file', () => {
	test('is created, with its folder, when DATABASE_PATH points into a folder that does not exist', async () => {
		const parent = mkdtempSync(join(tmpdir(), 'said-and-done-path-'));
		const folder = join(parent, 'not', 'yet', 'there');
		const databasePath = join(folder, 'said-and-done.db');
		expect(existsSync(folder)).toBe(false);
		// startServer resolves only once /healthz answers 200, i.e. the database opened and migrated.
		const server = await startServer({ DATABASE_PATH: databasePath });
		try {
			expect(existsSync(databasePath)).toBe(true);
			const res = await fetch(`${server.url}/healthz`);
			expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
		} finally {
			await server.stop();
			rmSync(parent, { recursive: true, force: true });
		}
	});
});
