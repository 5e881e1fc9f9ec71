import { and, eq, gte, inArray, isNotNull, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import { writeTransaction, type Db } from './db';
import {
	mailMessage,
	passwordToken,
	rateLimit,
	session,
	signInThrottle,
	subscriber,
	subscriberToken
} from './db/schema';
import { throttlePolicy } from './auth/throttle';
import { applyRetention, type RetentionCounts } from './privacy/retention';

const DAY = 24 * 3600_000;

/** How long a "tell me about this consultation" sign-up waits for its confirmation. */
export const UNCONFIRMED_SIGN_UP_DAYS = 30;
/** How often the running app tidies up. */
export const HOUSEKEEPING_INTERVAL_MS = 6 * 3600_000;

export type HousekeepingReport = {
	sessions: number;
	passwordLinks: number;
	rateLimits: number;
	signInCounters: number;
	unconfirmedSignUps: number;
	/** What was past its retention period and anonymised (see privacy/retention.ts). */
	retention: RetentionCounts;
};

/**
 * Deletes what is no longer any use and may still say something about a person: expired sessions
 * and set-password links, spent rate-limit and sign-in counters (they hold addresses and typed
 * emails), and update sign-ups never confirmed within UNCONFIRMED_SIGN_UP_DAYS of their latest
 * confirmation link (they hold an email address and nothing was ever sent on from it), with the
 * address on the confirmation emails sent to them. Then anonymises what is past the retention
 * periods an admin has set.
 */
export function housekeeping(db: Db, now = Date.now()): HousekeepingReport {
	const tidied = tidy(db, now);
	return { ...tidied, retention: applyRetention(db, 'system', new Date(now)) };
}

function tidy(db: Db, now: number): Omit<HousekeepingReport, 'retention'> {
	const at = (ms: number) => new Date(ms);
	return writeTransaction(db, (tx) => {
		const sessions = tx
			.delete(session)
			.where(or(lt(session.expiresAt, at(now)), lt(session.absoluteExpiresAt, at(now))))
			.run().changes;
		const passwordLinks = tx
			.delete(passwordToken)
			.where(lt(passwordToken.expiresAt, at(now)))
			.run().changes;
		const rateLimits = tx
			.delete(rateLimit)
			.where(lt(rateLimit.windowStartedAt, at(now - DAY)))
			.run().changes;
		// Counters forget themselves after a quiet window; blocks last no longer than the cap.
		const quiet = now - Math.max(throttlePolicy.windowMs, throttlePolicy.maxDelayMs) - DAY;
		const signInCounters = tx
			.delete(signInThrottle)
			.where(
				and(
					lt(signInThrottle.lastFailureAt, at(quiet)),
					or(isNull(signInThrottle.blockedUntil), lt(signInThrottle.blockedUntil, at(now)))
				)
			)
			.run().changes;
		const cutoff = at(now - UNCONFIRMED_SIGN_UP_DAYS * DAY);
		const unconfirmed = tx
			.select({ id: subscriber.id, email: subscriber.email })
			.from(subscriber)
			.where(
				and(
					isNull(subscriber.confirmedAt),
					isNotNull(subscriber.email),
					lt(subscriber.createdAt, cutoff),
					notExists(
						tx
							.select({ one: sql`1` })
							.from(subscriberToken)
							.where(
								and(
									eq(subscriberToken.subscriberId, subscriber.id),
									gte(subscriberToken.createdAt, cutoff)
								)
							)
					)
				)
			)
			.all();
		const unconfirmedSignUps = unconfirmed.length
			? tx
					.delete(subscriber)
					.where(
						inArray(
							subscriber.id,
							unconfirmed.map((u) => u.id)
						)
					)
					.run().changes
			: 0;
		// Their confirmation emails, long since sent, no longer say who they went to.
		const emails = unconfirmed.map((u) => u.email!);
		if (emails.length)
			tx.update(mailMessage)
				.set({ to: '', text: '', html: null })
				.where(
					and(
						eq(mailMessage.category, 'consultation.confirm'),
						inArray(mailMessage.to, emails),
						inArray(mailMessage.status, ['sent', 'failed', 'outbox']),
						lt(mailMessage.createdAt, cutoff)
					)
				)
				.run();
		return { sessions, passwordLinks, rateLimits, signInCounters, unconfirmedSignUps };
	});
}
