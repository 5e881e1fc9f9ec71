import { eq } from 'drizzle-orm';
import { writeTransaction, type Db } from '../db';
import { signInThrottle } from '../db/schema';

const MINUTE = 60_000;

/**
 * Sign-in throttling. Failures are counted per (account, address) and, with a higher threshold,
 * per address alone. Past the threshold each further attempt must wait twice as long as the last
 * (30 s, 1 min, 2 min … capped at 15 minutes). Keys are the typed email, so unknown accounts are
 * throttled exactly like known ones, and another address is never held up by a stranger's guesses.
 * A failure-free quarter of an hour forgets the count.
 */
export const throttlePolicy = {
	windowMs: 15 * MINUTE,
	accountThreshold: 5,
	addressThreshold: 30,
	baseDelayMs: 30_000,
	maxDelayMs: 15 * MINUTE
};

function keys(email: string, address: string) {
	return [
		{
			key: `account:${email.toLowerCase()}|${address}`,
			threshold: throttlePolicy.accountThreshold
		},
		{ key: `address:${address}`, threshold: throttlePolicy.addressThreshold }
	];
}

/** Milliseconds the caller must still wait before another attempt is considered, or 0. */
export function signInWaitMs(db: Db, email: string, address: string, now = Date.now()): number {
	let wait = 0;
	for (const { key } of keys(email, address)) {
		const row = db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
		if (row?.blockedUntil && row.blockedUntil.getTime() > now)
			wait = Math.max(wait, row.blockedUntil.getTime() - now);
	}
	return wait;
}

export function recordSignInFailure(db: Db, email: string, address: string, now = Date.now()) {
	writeTransaction(db, (tx) => {
		for (const { key, threshold } of keys(email, address)) {
			const row = tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
			const stale = !row || now - row.lastFailureAt.getTime() > throttlePolicy.windowMs;
			const failures = stale ? 1 : row.failures + 1;
			const blockedUntil =
				failures >= threshold
					? new Date(
							now +
								Math.min(
									throttlePolicy.maxDelayMs,
									throttlePolicy.baseDelayMs * 2 ** Math.min(failures - threshold, 30)
								)
						)
					: null;
			tx.insert(signInThrottle)
				.values({ key, failures, lastFailureAt: new Date(now), blockedUntil })
				.onConflictDoUpdate({
					target: signInThrottle.key,
					set: { failures, lastFailureAt: new Date(now), blockedUntil }
				})
				.run();
		}
	});
}

export function clearSignInFailures(db: Db, email: string, address: string) {
	const [account] = keys(email, address);
	if (account) db.delete(signInThrottle).where(eq(signInThrottle.key, account.key)).run();
}
