import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type TestServer = {
	url: string;
	port: number;
	dir: string;
	databasePath: string;
	env: Record<string, string>;
	output: () => string;
	restart: (extraEnv?: Record<string, string>) => Promise<void>;
	/** Stops the app (SIGTERM) but keeps its files, for `resume`. */
	halt: () => Promise<void>;
	resume: () => Promise<void>;
	stop: () => Promise<void>;
};

export function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))
			);
		});
	});
}

/**
 * Starts the production build (`build/`, from `npm run build`) on a free port with a fresh
 * SQLite file in its own temporary folder.
 */
export async function startServer(
	extraEnv: Record<string, string | undefined> = {}
): Promise<TestServer> {
	const dir = mkdtempSync(join(tmpdir(), 'said-and-done-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const databasePath = join(dir, 'test.db');
	let env: Record<string, string> = {
		DATABASE_PATH: databasePath,
		MIGRATIONS_PATH: resolve('drizzle'),
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		JOB_POLL_MS: '50',
		RETRY_BASE_MS: '200'
	};
	// An undefined value leaves the variable unset (ORIGIN: undefined runs without an ORIGIN).
	for (const [key, value] of Object.entries(extraEnv)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	let child: ChildProcess | undefined;
	let log = '';

	async function launch() {
		child = spawn(process.execPath, [resolve('build/index.js')], {
			env: { PATH: process.env.PATH ?? '', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
		// Generous: with test files running side by side, a start can wait a while for a core.
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`Server exited: ${log}`);
			try {
				const res = await fetch(`${url}/healthz`);
				if (res.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`Server did not start: ${log}`);
	}

	async function halt() {
		const running = child;
		if (!running || running.exitCode !== null) return;
		await new Promise<void>((done) => {
			running.once('exit', () => done());
			running.kill('SIGTERM');
		});
	}

	await launch();
	return {
		url,
		port,
		dir,
		databasePath,
		get env() {
			return env;
		},
		output: () => log,
		restart: async (more = {}) => {
			await halt();
			env = { ...env, ...more };
			await launch();
		},
		halt,
		resume: launch,
		stop: async () => {
			await halt();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
