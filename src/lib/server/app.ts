import { HANDLING_SURVEY_JOB, handlingSurveyHandler } from './complaints/handling-survey';
import { getDb } from './db';
import { checkDatabase } from './health';
import { env } from './env';
import { housekeeping, HOUSEKEEPING_INTERVAL_MS } from './housekeeping';
import { startWorker, type JobHandler, type Worker } from './jobs/worker';
import { REMINDER_JOB, reminderHandler } from './invitations';
import { SEND_MAIL_JOB, sendMailHandler } from './mail';

export const jobHandlers: Record<string, JobHandler> = {
	[SEND_MAIL_JOB]: sendMailHandler,
	[HANDLING_SURVEY_JOB]: handlingSurveyHandler,
	[REMINDER_JOB]: reminderHandler
};

let worker: Worker | undefined;
let tidying: ReturnType<typeof setInterval> | undefined;

function tidyUp(): void {
	try {
		housekeeping(getDb());
	} catch (error) {
		// Tidying can wait for the next round; serving people cannot.
		console.error(`Housekeeping failed: ${error instanceof Error ? error.message : error}`);
	}
}

/**
 * Opens and migrates the database, then starts the job worker and the housekeeping rounds (see
 * housekeeping.ts); called once at server start.
 */
export function startApplication(): void {
	const config = env();
	getDb();
	checkDatabase();
	if (config.JOBS_ENABLED && !worker) {
		worker = startWorker(getDb(), jobHandlers, {
			pollMs: config.JOB_POLL_MS,
			retryBaseMs: config.RETRY_BASE_MS
		});
		tidyUp();
		tidying = setInterval(tidyUp, HOUSEKEEPING_INTERVAL_MS);
		tidying.unref();
	}
}

/** Lets the job in hand finish (a message half-sent is a message sent twice) before exit. */
export async function stopApplication(): Promise<void> {
	clearInterval(tidying);
	tidying = undefined;
	await worker?.stop();
	worker = undefined;
}
