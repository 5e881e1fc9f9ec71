import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db';
import { job, mailMessage, type Job } from '../db/schema';
import { env } from '../env';
import { enqueueJob } from '../jobs/queue';
import { RunLater, type JobHandler } from '../jobs/worker';

export type OutgoingMail = {
	to: string;
	subject: string;
	text: string;
	html?: string;
	headers?: Record<string, string>;
	category: string;
};

export const SEND_MAIL_JOB = 'mail.send';

/**
 * Puts a message in the outgoing mail table and queues the job that sends it. Call it inside the
 * transaction that makes the change the mail is about: both happen, or neither.
 */
export function queueMail(db: Db, mail: OutgoingMail): number {
	const domain = new URL(env().ORIGIN ?? 'http://localhost').hostname;
	const row = db
		.insert(mailMessage)
		.values({
			messageId: `<${crypto.randomUUID()}@${domain}>`,
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			html: mail.html ?? null,
			headers: mail.headers ?? null,
			category: mail.category
		})
		.returning({ id: mailMessage.id })
		.get();
	enqueueJob(db, { kind: SEND_MAIL_JOB, payload: { mailId: row.id }, uniqueKey: `mail:${row.id}` });
	return row.id;
}

/**
 * Stops messages that have not yet gone out (someone opted out meanwhile): their jobs are removed
 * and each is marked failed with the reason, its body discarded. Messages already being sent or
 * sent are left as they are. Call it inside the transaction that records the opt-out.
 */
export function cancelQueuedMail(db: Db, mailIds: number[], reason: string): number {
	if (mailIds.length === 0) return 0;
	const queued = db
		.select({ id: mailMessage.id })
		.from(mailMessage)
		.where(and(inArray(mailMessage.id, mailIds), eq(mailMessage.status, 'queued')))
		.all()
		.map((m) => m.id);
	if (queued.length === 0) return 0;
	db.delete(job)
		.where(
			and(
				eq(job.status, 'pending'),
				inArray(
					job.uniqueKey,
					queued.map((id) => `mail:${id}`)
				)
			)
		)
		.run();
	db.update(mailMessage)
		.set({ status: 'failed', lastError: reason, text: '', html: null })
		.where(inArray(mailMessage.id, queued))
		.run();
	return queued.length;
}

let transporter: Transporter | undefined;

function smtpTransport(): Transporter | undefined {
	const config = env();
	if (!config.SMTP_HOST) return undefined;
	transporter ??= nodemailer.createTransport({
		host: config.SMTP_HOST,
		port: config.SMTP_PORT,
		secure: config.SMTP_SECURE,
		auth: config.SMTP_USER
			? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' }
			: undefined,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 30_000
	});
	return transporter;
}

export function mailDeliveryMode(): 'smtp' | 'outbox' {
	return env().SMTP_HOST ? 'smtp' : 'outbox';
}

function sentInLastMinute(db: Db, now: number): number {
	return (
		db
			.select({ count: sql<number>`count(*)` })
			.from(mailMessage)
			.where(and(eq(mailMessage.status, 'sent'), gte(mailMessage.sentAt, new Date(now - 60_000))))
			.get()?.count ?? 0
	);
}

function mailIdOf(job: Job): number {
	return (job.payload as { mailId: number }).mailId;
}

/**
 * Sends one queued message. Already sent → nothing to do, so a retried job never mails twice.
 * A message left "sending" by a crash mid-conversation is sent again with the same Message-ID.
 */
export const sendMailHandler: JobHandler = {
	async run(db, job) {
		const message = db
			.select()
			.from(mailMessage)
			.where(eq(mailMessage.id, mailIdOf(job)))
			.get();
		if (!message || message.status === 'sent' || message.status === 'outbox') return;
		const transport = smtpTransport();
		if (!transport) {
			db.update(mailMessage)
				.set({ status: 'outbox', sentAt: new Date() })
				.where(eq(mailMessage.id, message.id))
				.run();
			return;
		}
		const now = Date.now();
		if (sentInLastMinute(db, now) >= env().MAIL_PER_MINUTE)
			throw new RunLater(new Date(now + 5_000));
		db.update(mailMessage)
			.set({ status: 'sending', attempts: message.attempts + 1 })
			.where(eq(mailMessage.id, message.id))
			.run();
		try {
			await transport.sendMail({
				from: env().MAIL_FROM,
				to: message.to,
				subject: message.subject,
				text: message.text,
				html: message.html ?? undefined,
				headers: message.headers ?? undefined,
				messageId: message.messageId
			});
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			db.update(mailMessage)
				.set({ status: 'queued', lastError: reason })
				.where(eq(mailMessage.id, message.id))
				.run();
			throw error;
		}
		// Delivered: the body (which may hold a single-use link) is no longer ours to keep.
		db.update(mailMessage)
			.set({ status: 'sent', sentAt: new Date(), text: '', html: null, lastError: null })
			.where(eq(mailMessage.id, message.id))
			.run();
	},
	onGiveUp(db, job, reason) {
		db.update(mailMessage)
			.set({ status: 'failed', lastError: reason })
			.where(eq(mailMessage.id, mailIdOf(job)))
			.run();
	}
};

export const OUTBOX_PAGE_SIZE = 50;

export function listMail(db: Db, page = 1) {
	const rows = db
		.select()
		.from(mailMessage)
		.orderBy(desc(mailMessage.id))
		.limit(OUTBOX_PAGE_SIZE + 1)
		.offset((Math.max(1, page) - 1) * OUTBOX_PAGE_SIZE)
		.all();
	return { messages: rows.slice(0, OUTBOX_PAGE_SIZE), hasMore: rows.length > OUTBOX_PAGE_SIZE };
}

export function getMail(db: Db, id: number) {
	return db.select().from(mailMessage).where(eq(mailMessage.id, id)).get();
}
