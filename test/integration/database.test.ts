import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, writeTransaction, type Db } from '../../src/lib/server/db';
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
