import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db';
import {
	consultation,
	mailMessage,
	passwordToken,
	rateLimit,
	session,
	signInThrottle,
	subscriber,
	subscriberToken,
	user
} from '../../src/lib/server/db/schema';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { confirmSubscription } from '../../src/lib/server/consultations/notifications';
import { housekeeping, UNCONFIRMED_SIGN_UP_DAYS } from '../../src/lib/server/housekeeping';
import { openTestDatabase, seedUsers } from './support/database';
import { startServer } from './support/server';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(NOW + offsetMs);

describe('housekeeping', () => {
	let dir: string;
	let db: Db;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'said-and-done-tidy-'));
		db = openDatabase(join(dir, 'tidy.db'));
		migrateDatabase(db);
		const staff = db
			.insert(user)
			.values({ email: 'staff@example.org', name: 'Staff', role: 'staff' })
			.returning()
			.get().id;
		const sessions: [string, number, number][] = [
			['idle-expired', -HOUR, 10 * DAY],
			['absolute-expired', 10 * DAY, -HOUR],
			['live', HOUR, 10 * DAY]
		];
		for (const [id, idle, absolute] of sessions)
			db.insert(session)
				.values({ id, userId: staff, expiresAt: at(idle), absoluteExpiresAt: at(absolute) })
				.run();
		for (const [id, expires] of [
			['long-expired', -2 * DAY],
			['just-expired', -HOUR],
			['live', DAY]
		] as const)
			db.insert(passwordToken)
				.values({ id, userId: staff, purpose: 'reset', expiresAt: at(expires) })
				.run();
		for (const [key, started] of [
			['old', -2 * DAY],
			['current', -HOUR]
		] as const)
			db.insert(rateLimit)
				.values({ key, count: 3, windowStartedAt: at(started) })
				.run();
		const counters: [string, number, number | null][] = [
			['address:203.0.113.1', -3 * DAY, null],
			['account:a@example.org|203.0.113.1', -3 * DAY, -3 * DAY],
			['address:203.0.113.2', -10 * 60_000, 5 * 60_000]
		];
		for (const [key, last, blocked] of counters)
			db.insert(signInThrottle)
				.values({
					key,
					failures: 6,
					lastFailureAt: at(last),
					blockedUntil: blocked === null ? null : at(blocked)
				})
				.run();
		const topic = db
			.insert(consultation)
			.values({ slug: 'bins', title: 'Bins', question: 'Which day?' })
			.returning()
			.get().id;
		const old = -(UNCONFIRMED_SIGN_UP_DAYS + 1) * DAY;
		const signUps: [string | null, number, number | null, number | null][] = [
			// email, signed up, confirmed, latest confirmation link
			['never-confirmed@example.org', old, null, old],
			['asked-again@example.org', old, null, -DAY],
			['confirmed@example.org', old, old, old],
			['recent@example.org', -DAY, null, -DAY],
			[null, old, null, null] // unsubscribed long ago: only that someone was told is kept
		];
		for (const [email, created, confirmed, link] of signUps) {
			const id = db
				.insert(subscriber)
				.values({
					consultationId: topic,
					email,
					createdAt: at(created),
					confirmedAt: confirmed === null ? null : at(confirmed)
				})
				.returning()
				.get().id;
			if (link !== null)
				db.insert(subscriberToken)
					.values({
						tokenHash: `hash-${id}`,
						subscriberId: id,
						purpose: 'confirm',
						createdAt: at(link)
					})
					.run();
		}
	});
	afterAll(() => {
		db?.$client.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('deletes what has expired or was never confirmed, and nothing still in use', () => {
		const confirmation = (to: string, status: 'sent' | 'queued', created: number) =>
			db
				.insert(mailMessage)
				.values({
					messageId: `<${to}-${status}@test>`,
					to,
					subject: 'Confirm updates about Bins',
					text: 'Please confirm',
					category: 'consultation.confirm',
					status,
					createdAt: at(created)
				})
				.returning()
				.get().id;
		const forgotten = confirmation('never-confirmed@example.org', 'sent', -40 * DAY);
		const pending = confirmation('recent@example.org', 'queued', -DAY);
		expect(housekeeping(db, NOW)).toEqual({
			sessions: 2,
			passwordLinks: 2,
			rateLimits: 1,
			signInCounters: 2,
			unconfirmedSignUps: 1,
			retention: { contactMonths: 0, complaintMonths: 0, responseMonths: 0 }
		});
		expect(db.select({ id: session.id }).from(session).all()).toEqual([{ id: 'live' }]);
		expect(
			db
				.select({ id: passwordToken.id })
				.from(passwordToken)
				.all()
				.map((t) => t.id)
				.sort()
		).toEqual(['live']);
		expect(db.select({ key: rateLimit.key }).from(rateLimit).all()).toEqual([{ key: 'current' }]);
		expect(db.select({ key: signInThrottle.key }).from(signInThrottle).all()).toEqual([
			{ key: 'address:203.0.113.2' }
		]);
		expect(
			db
				.select({ email: subscriber.email })
				.from(subscriber)
				.all()
				.map((s) => s.email ?? '(erased)')
				.sort()
		).toEqual([
			'(erased)',
			'asked-again@example.org',
			'confirmed@example.org',
			'recent@example.org'
		]);
		// A deleted sign-up takes its links with it, and its confirmation email forgets the address.
		expect(db.select().from(subscriberToken).all()).toHaveLength(3);
		const mail = (id: number) =>
			db
				.select()
				.from(mailMessage)
				.all()
				.find((m) => m.id === id)!;
		expect(mail(forgotten)).toMatchObject({ to: '', text: '', status: 'sent' });
		expect(mail(pending)).toMatchObject({ to: 'recent@example.org', status: 'queued' });
	});

	test('a second round finds nothing more to do', () => {
		expect(housekeeping(db, NOW)).toEqual({
			sessions: 0,
			passwordLinks: 0,
			rateLimits: 0,
			signInCounters: 0,
			unconfirmedSignUps: 0,
			retention: { contactMonths: 0, complaintMonths: 0, responseMonths: 0 }
		});
	});

	test('a confirmation link works for the days the email promises, and not after', () => {
		const topic = db.select().from(consultation).get()!.id;
		const link = (email: string, issued: number) => {
			const id = db
				.insert(subscriber)
				.values({ consultationId: topic, email, createdAt: at(issued) })
				.returning()
				.get().id;
			const token = `token${id}`.padEnd(32, 'a');
			db.insert(subscriberToken)
				.values({
					tokenHash: hashToken(token),
					subscriberId: id,
					purpose: 'confirm',
					createdAt: at(issued)
				})
				.run();
			return token;
		};
		const days = UNCONFIRMED_SIGN_UP_DAYS * DAY;
		expect(confirmSubscription(db, link('too-late@example.org', -days - HOUR), at(0))).toBe(false);
		expect(confirmSubscription(db, link('in-time@example.org', -days + HOUR), at(0))).toBe(true);
	});
});

test('the running app tidies up when it starts', async () => {
	const server = await startServer();
	const db = openTestDatabase(server.databasePath);
	try {
		await seedUsers(db);
		const staff = db.select().from(user).get()!.id;
		const past = new Date(Date.now() - HOUR);
		db.insert(session)
			.values({ id: 'stale', userId: staff, expiresAt: past, absoluteExpiresAt: past })
			.run();
		await server.restart();
		expect(db.select().from(session).all()).toEqual([]);
	} finally {
		db.$client.close();
		await server.stop();
	}
});
