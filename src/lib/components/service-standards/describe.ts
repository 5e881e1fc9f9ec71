import { channelLabel } from '$lib/components/complaints/labels';
import { formatCount, formatPercent } from '$lib/domain/rounding';
import type { PeriodPerformance, TargetStatus } from '$lib/domain/standards/performance';
import type { ServiceStandardRow } from '$lib/server/db/schema';

const days = (n: number | null) =>
	n === 0 ? 'the same working day' : `${n} working ${n === 1 ? 'day' : 'days'}`;

/** What a standard measures, in a sentence: "Contacts by email, replied to within 2 working days." */
export function describeStandard(
	standard: ServiceStandardRow,
	serviceName: string | null,
	itemLabel: string | null
): string {
	const where = serviceName ? ` about ${serviceName}` : '';
	switch (standard.measure) {
		case 'contact-reply': {
			const by = standard.contactChannel
				? ` that came in by ${channelLabel(standard.contactChannel).toLowerCase()}`
				: '';
			return `Questions, comments and compliments${where}${by}, first replied to within ${days(standard.workingDays)}.`;
		}
		case 'complaint-acknowledgement':
			return `Stage ${standard.complaintStage} complaints${where}, acknowledged within ${days(standard.workingDays)} of being received.`;
		case 'complaint-response':
			return `Stage ${standard.complaintStage} complaints${where}, answered within ${days(standard.workingDays)} of being received, whatever extension was agreed.`;
		case 'mystery-item':
			return `Approved mystery-shopping visits${serviceName ? ` to ${serviceName}` : ''} meeting “${itemLabel ?? 'an item no longer in the template'}”.`;
	}
}

export const statusLabels: Record<TargetStatus, string> = {
	meets: 'Meets target',
	below: 'Below target',
	'no-cases': 'No cases',
	withheld: 'Not shown'
};

export function performanceText(p: PeriodPerformance): string {
	if (p.withheldBelow) return `Fewer than ${p.withheldBelow} cases: not shown`;
	return p.percent === null ? 'no cases' : formatPercent(p.percent);
}

/** "3 of 5", with any cases not yet due beside it; "None" for a period with no cases at all. */
export function basisText(p: PeriodPerformance): string {
	if (p.withheldBelow) return '';
	const parts = [];
	if (p.n) parts.push(`${formatCount(p.met)} of ${formatCount(p.n)}`);
	if (p.pending) parts.push(`${formatCount(p.pending)} not yet due`);
	return parts.join('; ') || 'None';
}
