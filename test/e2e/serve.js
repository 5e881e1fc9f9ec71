// Serves the production build for the browser tests, on a fresh database seeded with one account
// per role (password in test/e2e/accounts.ts), sending its mail to a real SMTP server started here
// that writes each message it receives to a file the tests read (see mailLogPath in support.ts).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const port = process.env.E2E_PORT ?? '4173';
const smtpPort = String(Number(port) + 1000);
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
smtp.listen(Number(smtpPort), '127.0.0.1');

const dir = mkdtempSync(join(tmpdir(), 'said-and-done-e2e-'));
const env = {
	...process.env,
	DATABASE_PATH: join(dir, 'e2e.db'),
	MIGRATIONS_PATH: resolve('drizzle'),
	PORT: port,
	HOST: '127.0.0.1',
	ORIGIN: `http://127.0.0.1:${port}`,
	JOB_POLL_MS: '100',
	BODY_SIZE_LIMIT: '6M',
	SMTP_HOST: '127.0.0.1',
	SMTP_PORT: smtpPort,
	// Every browser test posts from 127.0.0.1; the per-address limit has its own integration test.
	FORM_POSTS_PER_MINUTE: '1000'
};
const seeded = spawnSync(process.execPath, ['scripts/run.js', 'test/e2e/seed.ts'], {
	env,
	stdio: 'inherit'
});
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
const server = spawn(process.execPath, ['build/index.js'], { env, stdio: 'inherit' });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
	process.on(signal, () => server.kill(signal));
server.on('exit', (code) => {
	smtp.close();
	process.exit(code ?? 0);
});
