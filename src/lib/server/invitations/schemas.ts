import { z } from 'zod';
import { wholeNumber } from '../forms/parse';

export const invitationCriteriaSchema = z.object({
	serviceId: z
		.string()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || Number.isInteger(v), 'Choose a service from the list'),
	tenure: z
		.string()
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || v === 'LCRA' || v === 'LCHO', 'Choose a tenure from the list')
		.transform((v) => v as 'LCRA' | 'LCHO' | null),
	consentOnly: z
		.string()
		.optional()
		.transform((v) => v === 'yes'),
	notInvitedDays: wholeNumber('the number of days', 0, 365),
	reminders: wholeNumber('the number of reminders', 0, 3),
	reminderIntervalDays: wholeNumber('the days between reminders', 1, 30)
});

export type InvitationCriteria = z.output<typeof invitationCriteriaSchema>;
