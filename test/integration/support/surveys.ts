import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import { surveyVersion } from '../../../src/lib/server/db/schema';
import { responseRates } from '../../../src/lib/server/invitations/rates';
import type { Client } from './client';

/** A survey made from a template through the app, as staff make one; its id. */
export async function createSurvey(staff: Client, template: string, title: string) {
	const created = await staff.post('/admin/surveys?/create', { template, title });
	expect(created.status).toBe(303);
	return Number(created.headers.get('location')!.split('/').pop());
}

/** The survey's first version, with its definition. */
export function firstVersion(db: Db, surveyId: number) {
	return db.select().from(surveyVersion).where(eq(surveyVersion.surveyId, surveyId)).get()!;
}

/** Invited, sent, opened and answered for a survey, over every tenure. */
export function rateTotals(db: Db, surveyId: number) {
	return responseRates(db, surveyId).byTenure.reduce(
		(sum, row) => ({
			invited: sum.invited + row.invited,
			sent: sum.sent + row.sent,
			opened: sum.opened + row.opened,
			answered: sum.answered + row.answered
		}),
		{ invited: 0, sent: 0, opened: 0, answered: 0 }
	);
}
