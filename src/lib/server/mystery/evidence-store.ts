import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Evidence files on disk, outside the web root, under random names. The name in the database is
 * the only way back to a file; nothing the shopper typed is ever part of a path.
 */
export class EvidenceStore {
	readonly dir: string;

	constructor(dir: string) {
		this.dir = resolve(dir);
	}

	private pathOf(storedName: string): string {
		if (!/^[a-f0-9]{32}\.[a-z]{3,4}$/.test(storedName)) throw new Error('Bad evidence file name');
		return join(this.dir, storedName);
	}

	/** Writes a new file and returns its generated name; never overwrites. */
	write(bytes: Uint8Array, extension: string): string {
		mkdirSync(this.dir, { recursive: true, mode: 0o700 });
		const storedName = `${randomBytes(16).toString('hex')}.${extension}`;
		writeFileSync(this.pathOf(storedName), bytes, { flag: 'wx', mode: 0o600 });
		return storedName;
	}

	read(storedName: string): Buffer | null {
		try {
			return readFileSync(this.pathOf(storedName));
		} catch {
			return null;
		}
	}

	remove(storedName: string): void {
		rmSync(this.pathOf(storedName), { force: true });
	}
}
