import type { Survey } from '../db/schema';

export type Availability = 'draft' | 'not-yet-open' | 'open' | 'closed' | 'archived';

/** Whether a survey takes answers now: open, and inside its from–until dates when it has them. */
export function availabilityOf(
	s: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>,
	now = Date.now()
): Availability {
	if (s.status === 'draft') return 'draft';
	if (s.status === 'archived') return 'archived';
	if (s.status === 'closed') return 'closed';
	if (s.opensAt && s.opensAt.getTime() > now) return 'not-yet-open';
	if (s.closesAt && s.closesAt.getTime() <= now) return 'closed';
	return 'open';
}
