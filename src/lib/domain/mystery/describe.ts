import type { ScorecardItem } from '../scorecard';
import { formatScore } from '../rounding';

export function describeItem(item: ScorecardItem): string {
	const parts: string[] = [];
	switch (item.kind) {
		case 'yes-no':
			parts.push('Yes / no');
			break;
		case 'yes-no-na':
			parts.push('Yes / no / not applicable');
			break;
		case 'scale':
			parts.push('Score 1 to 5');
			break;
		case 'measured':
			parts.push(
				`Measured: ${item.direction === 'at-most' ? 'at most' : 'at least'} ${item.threshold} ${item.unit}${item.allowNotApplicable ? ', or not applicable' : ''}`
			);
	}
	parts.push(`${item.points} ${item.points === 1 ? 'point' : 'points'}`);
	if (item.critical) parts.push('critical');
	if (item.evidenceRequired) parts.push('evidence required');
	return parts.join(' · ');
}

/** A percentage for display: one decimal place, or a dash when there is no figure. */
export function formatPercent(value: number | null | undefined): string {
	if (value === null || value === undefined) return '–';
	return `${formatScore(value)}%`;
}
