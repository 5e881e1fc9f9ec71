// Serves the production build for the browser tests: one server per Playwright worker
// (E2E_SERVERS of them, on E2E_PORT, E2E_PORT + 1, …), each on its own copy of a fresh database
// seeded with one account per role (password in test/e2e/accounts.ts), and each sending its mail
// to its own real SMTP server started here (port + 1000), which writes every message it receives
// to a file the tests read (see receivedMail in support.ts).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const basePort = Number(process.env.E2E_PORT ?? '4173');
const count = Number(process.env.E2E_SERVERS ?? '1');
const dir = mkdtempSync(join(tmpdir(), 'said-and-done-e2e-'));

/** @param {number} port @param {string} databasePath */
function envFor(port, databasePath) {
	return {
		...process.env,
		DATABASE_PATH: databasePath,
		MIGRATIONS_PATH: resolve('drizzle'),
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		JOB_POLL_MS: '100',
		BODY_SIZE_LIMIT: '6M',
		SMTP_HOST: '127.0.0.1',
		SMTP_PORT: String(port + 1000),
		// Every browser test posts from 127.0.0.1; the per-address limit has its own integration test.
		FORM_POSTS_PER_MINUTE: '1000'
	};
}

// Seeded once (migrations, one Argon2 hash), then copied whole for each server.
const template = join(dir, 'template.db');
const seeded = spawnSync(process.execPath, ['scripts/run.js', 'test/e2e/seed.ts'], {
	env: envFor(basePort, template),
	stdio: 'inherit'
});
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

/** @param {number} port */
function startSmtp(port) {
	const mailLog = join(tmpdir(), `said-and-done-e2e-mail-${port}.jsonl`);
	rmSync(mailLog, { force: true });
	const smtp = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((mail) => {
					const to = session.envelope.rcptTo.map((r) => r.address);
					appendFileSync(
						mailLog,
						JSON.stringify({ to, subject: mail.subject, text: mail.text }) + '\n'
					);
					callback();
				})
				.catch(callback);
		}
	});
	smtp.listen(port + 1000, '127.0.0.1');
	return smtp;
}

/** @type {import('node:child_process').ChildProcess[]} */
const servers = [];
/** @type {SMTPServer[]} */
const mailServers = [];

/** @param {number} port */
function startServer(port) {
	const own = join(dir, String(port));
	mkdirSync(own);
	const databasePath = join(own, 'e2e.db');
	// VACUUM INTO writes a complete copy, whatever the seeding left in the write-ahead log.
	const source = new Database(template, { readonly: true });
	source.prepare('vacuum into ?').run(databasePath);
	source.close();
	mailServers.push(startSmtp(port));
	const server = spawn(process.execPath, ['build/index.js'], {
		env: envFor(port, databasePath),
		stdio: 'inherit'
	});
	servers.push(server);
	server.on('exit', (code) => {
		for (const other of servers) if (other !== server) other.kill('SIGTERM');
		for (const smtp of mailServers) smtp.close();
		process.exit(code ?? 0);
	});
	return server;
}

/** @param {number} port */
async function waitUntilHealthy(port) {
	for (;;) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
	process.on(signal, () => {
		for (const server of servers) server.kill(signal);
	});

// Playwright waits for the first port to answer, so that one starts only once the others do.
const others = Array.from({ length: count - 1 }, (_, i) => basePort + 1 + i);
for (const port of others) startServer(port);
await Promise.all(others.map(waitUntilHealthy));
startServer(basePort);
