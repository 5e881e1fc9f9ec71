import { z } from 'zod';
import { complaintNatures, contactChannels, contactKinds } from '../db/schema';
import {
	cleanText,
	dateField,
	idField,
	optionalIdField,
	optionalText,
	timeField
} from '../complaints/fields';

const optionalEmail = z
	.string()
	.trim()
	.max(254, 'Email address must be 254 characters or fewer')
	.optional()
	.transform((v) => (v ? v.toLowerCase() : null))
	.refine(
		(v) => v === null || z.email().safeParse(v).success,
		'Enter an email address in the correct format, like name@example.com'
	);

const yes = z
	.string()
	.optional()
	.transform((v) => v === 'yes');

const contactFields = {
	kind: z.enum(contactKinds, { error: 'Select what the contact is about' }),
	text: cleanText({ error: 'Enter what the customer said' })
		.min(1, 'Enter what the customer said')
		.max(8000, 'What the customer said must be 8,000 characters or fewer'),
	customerName: optionalText('The name', 120),
	customerEmail: optionalEmail,
	customerPhone: optionalText('The phone number', 40),
	contactConsent: yes
};

/** A contact recorded by staff: every field the log keeps. */
export const staffContactSchema = z
	.object({
		...contactFields,
		serviceId: idField('Select the service it is about'),
		channel: z.enum(contactChannels, { error: 'Select how it came in' }),
		receivedOn: dateField('the date it was received'),
		receivedTime: timeField('the time it was received'),
		resolvedAtFirstContact: z
			.enum(['yes', 'no', ''], { error: 'Select whether it was resolved at first contact' })
			.optional()
			.transform((v) => (v === 'yes' ? true : v === 'no' ? false : null)),
		ownerId: optionalIdField,
		complimentFor: optionalText('Who the compliment is for', 200),
		// The form always posts the list, left at "Choose one" for anything but a complaint.
		nature: z
			.enum([...complaintNatures, ''], {
				error: 'Select the nature of the complaint from the list'
			})
			.optional()
			.transform((v) => v || undefined),
		handlerId: optionalIdField
	})
	.superRefine((v, ctx) => {
		if (v.kind === 'complaint' && !v.nature)
			ctx.addIssue({
				code: 'custom',
				path: ['nature'],
				message: 'Select the nature of the complaint'
			});
		if (v.contactConsent && !v.customerEmail && !v.customerPhone)
			ctx.addIssue({
				code: 'custom',
				path: ['customerEmail'],
				message: 'Enter an email address or phone number, or untick consent to be contacted'
			});
	});

export type StaffContactInput = z.output<typeof staffContactSchema>;

/** The public "Tell us" form, with its two bot traps. */
export const publicContactSchema = z
	.object({
		...contactFields,
		text: cleanText({ error: 'Tell us what you want to say' })
			.min(1, 'Tell us what you want to say')
			.max(8000, 'What you want to say must be 8,000 characters or fewer'),
		serviceId: optionalIdField,
		website: z.string().optional(),
		startedAt: z.string().optional()
	})
	.superRefine((v, ctx) => {
		if (v.contactConsent && !v.customerEmail && !v.customerPhone)
			ctx.addIssue({
				code: 'custom',
				path: ['customerEmail'],
				message: 'Enter your email address or phone number so that we can reply'
			});
		if (v.kind === 'complaint' && !v.customerEmail && !v.customerPhone)
			ctx.addIssue({
				code: 'custom',
				path: ['customerEmail'],
				message: 'Enter your email address or phone number so that we can reply to your complaint'
			});
	});

export type PublicContactInput = z.output<typeof publicContactSchema>;

export const passOnSchema = z.object({
	passedOnTo: cleanText({ error: 'Enter who the compliment was passed on to' })
		.min(1, 'Enter who the compliment was passed on to')
		.max(200, 'Who it was passed on to must be 200 characters or fewer')
});

export const contactKindLabels: Record<(typeof contactKinds)[number], string> = {
	question: 'Question',
	comment: 'Comment',
	compliment: 'Compliment',
	complaint: 'Complaint'
};

export const channelLabels: Record<(typeof contactChannels)[number], string> = {
	phone: 'Phone',
	email: 'Email',
	letter: 'Letter',
	'web-form': 'Web form',
	'in-person': 'In person',
	'social-media': 'Social media'
};

export const natureLabels: Record<(typeof complaintNatures)[number], string> = {
	delay: 'Delay',
	'quality-of-work': 'Quality of work',
	'staff-conduct': 'Staff conduct',
	communication: 'Communication',
	'policy-or-decision': 'Policy or decision',
	charges: 'Charges',
	other: 'Other'
};

/** When the customer was replied to, as a London date and time. */
export const replySchema = z.object({
	repliedOn: dateField('the date of the reply'),
	repliedTime: timeField('the time of the reply')
});
