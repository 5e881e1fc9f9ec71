import { eq, sql } from 'drizzle-orm';
import { assessTsmAccuracy, TSM_POPULATIONS, type TsmAccuracy } from '$lib/domain/tsm';
import type { Db } from '../db';
import { customer, customerService, invitation, mailMessage, service } from '../db/schema';
import { responseConditions } from '../results/filters';
import { countValidTsmResponses } from '../results/tsm-counts';
import { getOrganisation } from '../settings';

export type RateRow = {
	label: string;
	invited: number;
	sent: number;
	opened: number;
	answered: number;
};

const measures = {
	invited: sql<number>`count(*)`,
	sent: sql<number>`sum(case when ${mailMessage.status} in ('sent', 'outbox') then 1 else 0 end)`,
	opened: sql<number>`sum(case when ${invitation.openedAt} is not null or ${invitation.status} = 'used' then 1 else 0 end)`,
	answered: sql<number>`sum(case when ${invitation.status} = 'used' then 1 else 0 end)`
};

/** Invited, sent, opened and answered for one survey, by tenure and by service area. */
export function responseRates(db: Db, surveyId: number) {
	const byTenure = db
		.select({ label: sql<string>`coalesce(${customer.tenure}, 'Not known')`, ...measures })
		.from(invitation)
		.leftJoin(customer, eq(customer.id, invitation.customerId))
		.leftJoin(mailMessage, eq(mailMessage.id, invitation.mailId))
		.where(eq(invitation.surveyId, surveyId))
		.groupBy(sql`1`)
		.orderBy(sql`1`)
		.all();
	const byService = db
		.select({ label: service.name, ...measures })
		.from(invitation)
		.innerJoin(customerService, eq(customerService.customerId, invitation.customerId))
		.innerJoin(service, eq(service.id, customerService.serviceId))
		.leftJoin(mailMessage, eq(mailMessage.id, invitation.mailId))
		.where(eq(invitation.surveyId, surveyId))
		.groupBy(service.id)
		.orderBy(service.name)
		.all();
	return { byTenure, byService };
}

/**
 * For a Tenant Satisfaction Measures survey: the achieved sample per tenure against the minimum
 * sample and margin of error the organisation's size requires.
 */
export function tsmSample(db: Db, surveyId: number) {
	const org = getOrganisation(db);
	const homes = { LCRA: org.homesLcra, LCHO: org.homesLcho };
	const total = org.homesLcra + org.homesLcho;
	const valid = countValidTsmResponses(db, responseConditions(surveyId, {}));
	return TSM_POPULATIONS.filter((p) => homes[p] > 0).map((population) => {
		// Valid responses, as the margin of error counts them (see countValidTsmResponses).
		const achieved = valid[population];
		const accuracy: TsmAccuracy = assessTsmAccuracy(
			homes[population],
			total,
			Math.min(achieved, homes[population])
		);
		return { population, homes: homes[population], achieved, ...accuracy };
	});
}
