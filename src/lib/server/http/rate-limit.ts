import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { writeTransaction, type Db } from '../db';
import { rateLimit } from '../db/schema';
import { env } from '../env';

export type RateLimitRule = { name: string; limit: number; windowMs: number };

/** DESIGN.md defaults (see env.ts). Each rule counts apart from the others and from sign-in throttling. */
export const rateLimits = {
	get invitationTokens(): RateLimitRule {
		return {
			name: 'invalid-token',
			limit: env().INVALID_TOKENS_PER_10_MINUTES,
			windowMs: 10 * 60_000
		};
	}
};

/*
 * Public form posts (survey answers, "tell us", update sign-ups) are counted in memory. Their
 * window is one minute, so a restart forgets at most a minute's count, while writing the count to
 * the database would cost every survey answer a second wait for the disk. Invalid invitation links
 * (ten minutes) and sign-in failures (see auth) are counted durably.
 */
let publicForms: { limiter: RateLimiterMemory; limit: number } | null = null;

function publicFormLimiter(): RateLimiterMemory {
	const limit = env().FORM_POSTS_PER_MINUTE;
	if (publicForms?.limit !== limit)
		publicForms = {
			limit,
			limiter: new RateLimiterMemory({ keyPrefix: 'public-form', points: limit, duration: 60 })
		};
	return publicForms.limiter;
}

/** Counts one public form post from `address`; throws HTTP 429 once it goes over the limit. */
export async function enforcePublicFormLimit(address: string): Promise<void> {
	try {
		await publicFormLimiter().consume(address);
	} catch (e) {
		if (e instanceof RateLimiterRes) error(429, 'Too many requests');
		throw e;
	}
}

/**
 * Counts one hit for `address` under `rule` in a fixed window, durably (a restart does not reset
 * it). Returns false once the address has gone over the limit in the current window.
 */
export function hit(db: Db, rule: RateLimitRule, address: string, now = Date.now()): boolean {
	const key = `${rule.name}:${address}`;
	return writeTransaction(db, (tx) => {
		const row = tx.select().from(rateLimit).where(eq(rateLimit.key, key)).get();
		const fresh = !row || now - row.windowStartedAt.getTime() >= rule.windowMs;
		const count = fresh ? 1 : row.count + 1;
		const windowStartedAt = fresh ? new Date(now) : row.windowStartedAt;
		tx.insert(rateLimit)
			.values({ key, count, windowStartedAt })
			.onConflictDoUpdate({ target: rateLimit.key, set: { count, windowStartedAt } })
			.run();
		return count <= rule.limit;
	});
}

/** Whether `address` is already over the limit, without counting a hit. */
export function isLimited(db: Db, rule: RateLimitRule, address: string, now = Date.now()): boolean {
	const row = db
		.select()
		.from(rateLimit)
		.where(eq(rateLimit.key, `${rule.name}:${address}`))
		.get();
	return !!row && now - row.windowStartedAt.getTime() < rule.windowMs && row.count > rule.limit;
}

/** Throws HTTP 429 when the hit goes over the limit. */
export function enforceRateLimit(db: Db, rule: RateLimitRule, address: string): void {
	if (!hit(db, rule, address)) error(429, 'Too many requests');
}
