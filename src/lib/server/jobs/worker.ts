import type { Db } from '../db';
import type { Job } from '../db/schema';
import { claimNextJob, completeJob, deferJob, failJob } from './queue';

export type JobHandler = {
	run(db: Db, job: Job): Promise<void>;
	/** Called once when a job has spent all its attempts. */
	onGiveUp?(db: Db, job: Job, reason: string): void;
};

/** Thrown by a handler that cannot run yet (for example, the mail rate is reached). */
export class RunLater extends Error {
	constructor(readonly runAt: Date) {
		super('deferred');
	}
}

export type Worker = { stop(): Promise<void>; drain(): Promise<number> };

export function startWorker(
	db: Db,
	handlers: Record<string, JobHandler>,
	options: { pollMs: number; retryBaseMs: number; log?: (message: string) => void }
): Worker {
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let current: Promise<number> = Promise.resolve(0);
	const log = options.log ?? ((message: string) => console.error(message));

	async function runOne(next: Job): Promise<void> {
		const handler = handlers[next.kind];
		if (!handler) {
			failJob(
				db,
				{ ...next, attempts: next.maxAttempts },
				`No handler for job kind ${next.kind}`,
				0
			);
			return;
		}
		try {
			await handler.run(db, next);
			completeJob(db, next.id);
		} catch (error) {
			if (error instanceof RunLater) {
				deferJob(db, next.id, error.runAt);
				return;
			}
			const reason = error instanceof Error ? error.message : String(error);
			if (failJob(db, next, reason, options.retryBaseMs)) {
				log(`Job ${next.id} (${next.kind}) failed for good: ${reason}`);
				handler.onGiveUp?.(db, next, reason);
			}
		}
	}

	async function drain(): Promise<number> {
		let processed = 0;
		while (!stopped) {
			const next = claimNextJob(db);
			if (!next) break;
			await runOne(next);
			processed++;
		}
		return processed;
	}

	function tick() {
		current = drain()
			.catch((error: unknown) => {
				log(`Job worker error: ${error instanceof Error ? error.message : String(error)}`);
				return 0;
			})
			.finally(() => {
				if (!stopped) timer = setTimeout(tick, options.pollMs);
			});
	}
	tick();

	return {
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await current;
		},
		drain: () => {
			current = current.then(drain);
			return current;
		}
	};
}
