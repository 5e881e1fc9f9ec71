import { z } from 'zod';
import { actionStatuses, consultationStatuses } from '../db/schema';
import {
	checkbox,
	dateField,
	idList,
	optionalId,
	optionalText,
	pastDate,
	requiredDate,
	requiredId
} from '../forms/fields';
import { emailField, requiredText } from '../forms/parse';

export const consultationSchema = z
	.object({
		title: requiredText('a title', 150),
		question: requiredText('the question you are asking', 500),
		affected: optionalText('Who is affected', 500),
		background: optionalText('Background', 5000),
		serviceId: optionalId('Select a service from the list'),
		opensOn: dateField('Opening date'),
		closesOn: dateField('Closing date'),
		status: z.enum(consultationStatuses, { error: 'Select a status' })
	})
	.refine((v) => !v.opensOn || !v.closesOn || v.closesOn >= v.opensOn, {
		path: ['closesOn'],
		message: 'Closing date must be on or after the opening date'
	});
export type ConsultationInput = z.output<typeof consultationSchema>;

export const slugSchema = z.object({
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.min(3, 'Enter a web address of at least 3 characters')
		.max(60, 'Web address must be 60 characters or fewer')
		.regex(
			/^[a-z0-9]+(-[a-z0-9]+)*$/,
			'Web address can only contain lower-case letters, numbers and single hyphens'
		)
});

export const documentSchema = z
	.object({
		documentTitle: requiredText('the document’s title', 150),
		url: z
			.string()
			.trim()
			.max(500, 'Link must be 500 characters or fewer')
			.default('')
			.refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), {
				message: 'Enter a link that starts with https://, like https://example.org/report'
			}),
		body: optionalText('Text', 10000)
	})
	.refine((v) => v.url !== '' || v.body !== '', {
		path: ['url'],
		message: 'Enter a link or the text of the document'
	});

/** One row of a list, named by a hidden field: a document, a linked survey, evidence, a quote. */
export const itemSchema = z.object({
	itemId: z.coerce.number({ error: 'Choose from the list' }).int().positive('Choose from the list')
});

export const linkSurveySchema = z.object({ surveyId: requiredId('Select a survey to link') });

export const PROFILE_AGE_BANDS = [
	'16–24',
	'25–34',
	'35–44',
	'45–54',
	'55–64',
	'65–74',
	'75 and over',
	'Not stated'
] as const;
export const PROFILE_TENURES = [
	'Renting from us',
	'Shared ownership',
	'Leaseholder',
	'Other or not stated'
] as const;

export const focusGroupSchema = z.object({
	heldOn: requiredDate('The date it was held'),
	place: requiredText('where it was held', 200),
	online: checkbox,
	facilitators: requiredText('who facilitated it', 300),
	attendees: z
		.string({ error: 'Enter how many people attended' })
		.trim()
		.min(1, 'Enter how many people attended')
		.regex(/^\d+$/, 'Number attending must be a whole number, like 8')
		.transform(Number)
		.refine((n) => n >= 1 && n <= 1000, 'Number attending must be between 1 and 1,000'),
	consent: requiredText('what the people attending agreed to', 1000),
	notes: optionalText('Notes', 20000),
	themeIds: idList,
	/** Profile counts arrive as `age:<band>`, `tenure:<tenure>` fields and two free lists. */
	areaProfile: optionalText('Areas', 2000),
	equalityProfile: optionalText('Other characteristics', 2000)
});
export type FocusGroupInput = z.output<typeof focusGroupSchema>;

export const quoteSchema = z.object({ quote: requiredText('the quote', 1000) });
/** The confirmation's error names that quote's own checkbox, so the error summary links to it. */
export const approveQuoteSchema = z
	.object({ quoteId: requiredId('Choose a quote'), confirm: z.string().optional() })
	.superRefine((v, ctx) => {
		if (v.confirm !== 'yes')
			ctx.addIssue({
				code: 'custom',
				path: [`confirm-${v.quoteId}`],
				message: 'Confirm the quote carries no names or other details that could identify anyone'
			});
	});

export const findingSchema = z.object({
	statement: requiredText('what people said', 500),
	published: checkbox
});

export const evidenceSchema = z.object({
	evidence: z
		.string({ error: 'Select the evidence to add' })
		.regex(/^(question:\d+:[\w-]+|theme:\d+|quote:\d+)$/, 'Select the evidence to add')
});

export const actionSchema = z
	.object({
		title: requiredText('what will be done', 200),
		description: optionalText('Details', 5000),
		ownerId: optionalId('Select an owner from the list'),
		serviceId: optionalId('Select a service from the list'),
		dueOn: dateField('Due date'),
		status: z.enum(actionStatuses, { error: 'Select a status' }),
		reason: optionalText('The reason', 2000),
		outcome: optionalText('Outcome', 5000),
		completedOn: pastDate(dateField('Date done'), 'The date done'),
		findingIds: idList,
		published: checkbox
	})
	.refine((v) => v.status !== 'not-possible' || v.reason !== '', {
		path: ['reason'],
		message: 'Say why it is not possible'
	});
export type ActionInput = z.output<typeof actionSchema>;

export const progressSchema = z.object({
	notedOn: pastDate(requiredDate('The date'), 'The date of the note'),
	note: requiredText('the progress note', 2000)
});

export const bulkStatusSchema = z
	.object({
		actionIds: idList.refine((list) => list.length > 0, 'Select at least one action'),
		bulkStatus: z.enum(actionStatuses, { error: 'Select the new status' }),
		bulkReason: optionalText('The reason', 2000)
	})
	.refine((v) => v.bulkStatus !== 'not-possible' || v.bulkReason !== '', {
		path: ['bulkReason'],
		message: 'Say why they are not possible'
	});

export const subscribeSchema = z.object({
	email: emailField,
	website: z.string().optional(),
	startedAt: z.string().optional()
});

export const publicFilterSchema = z.object({
	service: z.coerce.number().int().positive().optional().catch(undefined),
	status: z.enum(actionStatuses).optional().catch(undefined),
	year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined)
});
export type PublicFilter = z.output<typeof publicFilterSchema>;
