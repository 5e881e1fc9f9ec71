export const outcomeOptions = [
	{ value: 'upheld', label: 'Upheld' },
	{ value: 'partly-upheld', label: 'Partly upheld' },
	{ value: 'not-upheld', label: 'Not upheld' },
	{ value: 'withdrawn', label: 'Withdrawn', hint: 'Needs no response date.' },
	{ value: 'unresolved', label: 'Unresolved' }
] as const;

export const outcomeLabel = (value: string | null | undefined) =>
	outcomeOptions.find((o) => o.value === value)?.label ?? 'Not recorded';

export const natureOptions = [
	{ value: 'delay', label: 'Delay' },
	{ value: 'quality-of-work', label: 'Quality of work' },
	{ value: 'staff-conduct', label: 'Staff conduct' },
	{ value: 'communication', label: 'Communication' },
	{ value: 'policy-or-decision', label: 'Policy or decision' },
	{ value: 'charges', label: 'Charges' },
	{ value: 'other', label: 'Other' }
] as const;

export const natureLabel = (value: string) =>
	natureOptions.find((o) => o.value === value)?.label ?? value;

export const kindOptions = [
	{ value: 'question', label: 'Question' },
	{ value: 'comment', label: 'Comment' },
	{ value: 'compliment', label: 'Compliment' },
	{ value: 'complaint', label: 'Complaint' }
] as const;

export const kindLabel = (value: string) =>
	kindOptions.find((o) => o.value === value)?.label ?? value;

export const channelOptions = [
	{ value: 'phone', label: 'Phone' },
	{ value: 'email', label: 'Email' },
	{ value: 'letter', label: 'Letter' },
	{ value: 'web-form', label: 'Web form' },
	{ value: 'in-person', label: 'In person' },
	{ value: 'social-media', label: 'Social media' }
] as const;

export const channelLabel = (value: string) =>
	channelOptions.find((o) => o.value === value)?.label ?? value;

export function formatPounds(pence: number | null): string {
	if (pence === null) return 'None';
	return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** What one audit entry means, in a sentence for the complaint's timeline. */
export function describeEvent(action: string, after: unknown): string {
	const a = (after ?? {}) as Record<string, unknown>;
	const stage = a.stage ? `Stage ${String(a.stage)}: ` : '';
	switch (action) {
		case 'contact.create':
			return 'Contact logged';
		case 'complaint.create':
			return 'Complaint recorded at stage 1';
		case 'complaint.acknowledge':
			return `${stage}acknowledgement recorded`;
		case 'complaint.extend':
			return `${stage}extended by ${String(a.workingDays)} working days${a.beyondMaximum ? ' (beyond the maximum, with a good reason)' : ''}`;
		case 'complaint.respond':
			return `${stage}response recorded, outcome ${outcomeLabel(a.outcome as string).toLowerCase()}`;
		case 'complaint.escalate':
			return 'Escalated to stage 2';
		case 'complaint.assign':
			return `${stage}handler changed`;
		case 'complaint.refuse':
			return 'Refused';
		case 'complaint.close':
			return `Closed at stage ${String(a.stage)}`;
		case 'complaint.handling-survey-queued':
			return 'Invitation to the complaint-handling survey queued';
		case 'contact.compliment-passed-on':
			return 'Compliment passed on';
		case 'contact.anonymise':
			return 'Customer anonymised';
		default:
			return action;
	}
}
