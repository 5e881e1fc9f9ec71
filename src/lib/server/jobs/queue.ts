import { and, asc, eq, lte, or, sql } from 'drizzle-orm';
import { writeTransaction, type Db } from '../db';
import { job, type Job } from '../db/schema';
import { env } from '../env';

export type JobRequest = {
	kind: string;
	payload: unknown;
	/** A second request with the same key while the first exists is ignored. */
	uniqueKey?: string;
	runAt?: Date;
	maxAttempts?: number;
};

const LEASE_MS = 5 * 60_000;

export function enqueueJob(db: Db, request: JobRequest): void {
	db.insert(job)
		.values({
			kind: request.kind,
			payload: request.payload ?? null,
			uniqueKey: request.uniqueKey ?? null,
			runAt: request.runAt ?? new Date(),
			maxAttempts: request.maxAttempts ?? env().JOB_MAX_ATTEMPTS
		})
		.onConflictDoNothing()
		.run();
}

/**
 * Takes the next due job, or one whose worker died holding it (lease expired), and leases it.
 */
export function claimNextJob(db: Db, now = Date.now()): Job | undefined {
	return writeTransaction(db, (tx) => {
		const next = tx
			.select()
			.from(job)
			.where(
				or(
					and(eq(job.status, 'pending'), lte(job.runAt, new Date(now))),
					and(eq(job.status, 'running'), lte(job.lockedUntil, new Date(now)))
				)
			)
			.orderBy(asc(job.runAt), asc(job.id))
			.limit(1)
			.get();
		if (!next) return undefined;
		const leased = {
			status: 'running' as const,
			attempts: next.attempts + 1,
			lockedUntil: new Date(now + LEASE_MS)
		};
		tx.update(job).set(leased).where(eq(job.id, next.id)).run();
		return { ...next, ...leased };
	});
}

export function completeJob(db: Db, id: number, now = Date.now()): void {
	db.update(job)
		.set({ status: 'done', lockedUntil: null, finishedAt: new Date(now), lastError: null })
		.where(eq(job.id, id))
		.run();
}

/** Puts a job back to run later without spending one of its attempts (e.g. a rate limit). */
export function deferJob(db: Db, id: number, runAt: Date): void {
	db.update(job)
		.set({ status: 'pending', lockedUntil: null, runAt, attempts: sql`${job.attempts} - 1` })
		.where(eq(job.id, id))
		.run();
}

/**
 * Records a failed attempt: retried with exponential backoff (base, 2×, 4×, … capped at six hours)
 * until its attempts are spent, then marked failed for good. Returns true when it is final.
 */
export function failJob(
	db: Db,
	failed: Job,
	reason: string,
	baseDelayMs: number,
	now = Date.now()
): boolean {
	const final = failed.attempts >= failed.maxAttempts;
	const delay = Math.min(6 * 3600_000, baseDelayMs * 2 ** Math.max(0, failed.attempts - 1));
	db.update(job)
		.set(
			final
				? { status: 'failed', lockedUntil: null, lastError: reason, finishedAt: new Date(now) }
				: { status: 'pending', lockedUntil: null, lastError: reason, runAt: new Date(now + delay) }
		)
		.where(eq(job.id, failed.id))
		.run();
	return final;
}

export function countJobs(db: Db) {
	return db
		.select({ status: job.status, count: sql<number>`count(*)` })
		.from(job)
		.groupBy(job.status)
		.all();
}
