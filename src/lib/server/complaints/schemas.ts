import { z } from 'zod';
import { complaintOutcomes } from '$lib/domain/calendar/complaint-deadlines';
import { cleanText, dateField, idField, moneyField, optionalText, timeField } from './fields';

export const acknowledgeSchema = z.object({
	acknowledgedOn: dateField('the date it was acknowledged'),
	acknowledgedTime: timeField('the time it was acknowledged')
});

export const extendSchema = z.object({
	workingDays: z
		.string({ error: 'Enter the length of the extension in working days' })
		.trim()
		.min(1, 'Enter the length of the extension in working days')
		.regex(/^\d+$/, 'The extension must be a whole number of working days, like 10')
		.transform(Number)
		.refine((n) => n >= 1 && n <= 60, 'The extension must be between 1 and 60 working days'),
	reason: cleanText({ error: 'Enter the reason for the extension' })
		.min(1, 'Enter the reason for the extension')
		.max(2000, 'The reason must be 2,000 characters or fewer'),
	goodReason: optionalText('The good reason', 2000),
	customerToldOn: dateField('the date the customer was told'),
	customerToldTime: timeField('the time the customer was told')
});

const optionalDate = z
	.string()
	.trim()
	.optional()
	.transform((v) => v || null);

export const respondSchema = z.object({
	respondedOn: optionalDate,
	respondedTime: optionalDate,
	outcome: z.enum(complaintOutcomes, { error: 'Select the outcome' }),
	remedy: optionalText('The remedy'),
	compensation: moneyField,
	learning: optionalText('The learning and service improvement')
});

export const escalateSchema = z.object({
	escalatedOn: dateField('the date the customer asked to escalate'),
	escalatedTime: timeField('the time the customer asked to escalate'),
	stage2HandlerId: idField('Select who will handle stage 2')
});

export const assignSchema = z.object({ handlerId: idField('Select who will handle this stage') });

export const refuseSchema = z.object({
	refusalReason: cleanText({ error: 'Enter the reason the complaint is refused' })
		.min(1, 'Enter the reason the complaint is refused')
		.max(2000, 'The reason must be 2,000 characters or fewer')
});

export const outcomeLabels: Record<(typeof complaintOutcomes)[number], string> = {
	upheld: 'Upheld',
	'partly-upheld': 'Partly upheld',
	'not-upheld': 'Not upheld',
	withdrawn: 'Withdrawn',
	unresolved: 'Unresolved'
};
