import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './server';

export type ReceivedMail = ParsedMail & { envelopeTo: string[]; raw: string };

/**
 * A real SMTP server in this process. `fail(code)` makes it refuse every message with that
 * response code until cleared, to stand in for an outage; `slow(ms)` makes it take that long to
 * accept each message, so a test can stop the app while a batch is still going out.
 */
export async function startSmtp(port?: number) {
	const received: ReceivedMail[] = [];
	let failWith: number | null = null;
	let delayMs = 0;
	const server = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			const accept = () => {
				if (failWith) {
					const err = Object.assign(new Error('Mailbox temporarily unavailable'), {
						responseCode: failWith
					});
					return callback(err);
				}
				const raw = Buffer.concat(chunks).toString('utf8');
				simpleParser(raw)
					.then((parsed) => {
						received.push(
							Object.assign(parsed, {
								envelopeTo: session.envelope.rcptTo.map((r) => r.address),
								raw
							})
						);
						callback();
					})
					.catch(callback);
			};
			stream.on('end', () => (delayMs ? setTimeout(accept, delayMs) : accept()));
		}
	});
	const listenPort = port ?? (await freePort());
	await new Promise<void>((ok) => server.listen(listenPort, '127.0.0.1', ok));
	return {
		port: listenPort,
		received,
		fail(code: number | null) {
			failWith = code;
		},
		slow(ms: number) {
			delayMs = ms;
		},
		async waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				const found = received.find(predicate);
				if (found) return found;
				await new Promise((r) => setTimeout(r, 50));
			}
			throw new Error(`No matching mail arrived; got ${received.map((m) => m.subject).join(', ')}`);
		},
		stop: () => new Promise<void>((ok) => server.close(() => ok()))
	};
}
