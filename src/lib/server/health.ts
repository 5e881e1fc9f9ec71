import { statSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { getDb } from './db';
import { env } from './env';

let openedInode: number | undefined;

/**
 * True when the database answers a query and is still the file we opened: a file deleted or
 * replaced under a running server (a lost volume) would otherwise keep answering from a ghost.
 */
export function checkDatabase(): boolean {
	try {
		const db = getDb();
		db.get(sql`select 1`);
		const inode = statSync(env().DATABASE_PATH).ino;
		openedInode ??= inode;
		return inode === openedInode;
	} catch {
		return false;
	}
}
