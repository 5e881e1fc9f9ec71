import { getDb } from '$lib/server/db';
import { survey, surveyVersion } from '$lib/server/db/schema';
import { seedUsers } from '../integration/support/database';
import { E2E_ORGANISATION } from './accounts';
import { everyTypeSurvey } from './fixtures';

export async function main() {
	const db = getDb();
	await seedUsers(db, E2E_ORGANISATION);
	const created = db
		.insert(survey)
		.values({
			title: 'Every question type',
			description: 'A survey that asks every kind of question.',
			slug: 'every-question',
			status: 'open'
		})
		.returning()
		.get();
	db.insert(surveyVersion)
		.values({ surveyId: created.id, number: 1, definition: everyTypeSurvey })
		.run();
	return 0;
}
