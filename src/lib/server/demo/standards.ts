import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { scorecardTemplate, serviceStandard } from '../db/schema';
import type { StandardInput } from '../standards/standard-schema';

const none = {
	serviceId: null,
	contactChannel: null,
	complaintStage: null,
	workingDays: null,
	templateId: null,
	itemId: null
};

/**
 * The standards a housing association typically publishes, measured from the demo's contacts,
 * complaints and mystery shops. Seeded after them.
 */
export function seedStandards(db: Db): number {
	const telephone = db
		.select()
		.from(scorecardTemplate)
		.where(eq(scorecardTemplate.name, 'Telephone standards'))
		.get();
	const standards: StandardInput[] = [
		{
			...none,
			name: 'Reply to emails within 2 working days',
			measure: 'contact-reply',
			contactChannel: 'email',
			workingDays: 2,
			targetPercent: 90
		},
		{
			...none,
			name: 'Reply to letters within 5 working days',
			measure: 'contact-reply',
			contactChannel: 'letter',
			workingDays: 5,
			targetPercent: 90
		},
		{
			...none,
			name: 'Acknowledge complaints within 5 working days',
			measure: 'complaint-acknowledgement',
			complaintStage: 1,
			workingDays: 5,
			targetPercent: 95
		},
		{
			...none,
			name: 'Answer stage 1 complaints within 10 working days',
			measure: 'complaint-response',
			complaintStage: 1,
			workingDays: 10,
			targetPercent: 90
		},
		{
			...none,
			name: 'Answer stage 2 complaints within 20 working days',
			measure: 'complaint-response',
			complaintStage: 2,
			workingDays: 20,
			targetPercent: 90
		}
	];
	if (telephone)
		standards.push({
			...none,
			name: 'Answer the phone within 5 rings',
			measure: 'mystery-item',
			templateId: telephone.id,
			itemId: 'tel-rings',
			targetPercent: 80
		});
	db.insert(serviceStandard).values(standards).run();
	return standards.length;
}
