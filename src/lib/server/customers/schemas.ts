import { z } from 'zod';
import { tenures } from '../db/schema';

const optionalText = (label: string, max: number) =>
	z
		.string()
		.trim()
		.max(max, `${label} must be ${max} characters or fewer`)
		.optional()
		.transform((v) => v || null);

const yes = z
	.string()
	.optional()
	.transform((v) => v === 'yes');

const idList = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
	.pipe(z.array(z.string().regex(/^\d+$/, 'Choose a service from the list').transform(Number)));

export const customerSchema = z
	.object({
		name: z
			.string({ error: 'Enter the customer’s name' })
			.trim()
			.min(1, 'Enter the customer’s name')
			.max(200, 'Name must be 200 characters or fewer'),
		email: z
			.string()
			.trim()
			.max(254, 'Email address must be 254 characters or fewer')
			.optional()
			.transform((v) => (v ? v.toLowerCase() : null))
			.refine(
				(v) => v === null || z.email().safeParse(v).success,
				'Enter an email address in the correct format, like name@example.com'
			),
		phone: optionalText('Phone number', 40).refine(
			(v) => v === null || /^[0-9+()\s-]{6,40}$/.test(v),
			'Enter a phone number, like 01632 960 001'
		),
		reference: optionalText('Reference', 60),
		tenure: z
			.string()
			.optional()
			.transform((v) => v || null)
			.refine(
				(v) => v === null || (tenures as readonly string[]).includes(v),
				'Choose low-cost rental, shared ownership or not known'
			)
			.transform((v) => v as (typeof tenures)[number] | null),
		serviceIds: idList,
		consentSurveys: yes,
		consentUpdates: yes,
		notes: z
			.string()
			.trim()
			.max(1000, 'Notes must be 1000 characters or fewer')
			.optional()
			.transform((v) => v ?? '')
	})
	.refine((c) => c.email !== null || c.phone !== null || c.reference !== null, {
		message: 'Enter an email address, a phone number or a reference',
		path: ['email']
	});

export type CustomerInput = z.output<typeof customerSchema>;
