import { z } from 'zod';
import type { ScorecardItem } from '$lib/domain/scorecard';
import { mysteryChannels } from '../db/schema';
import { requiredText, wholeNumber } from '../forms/parse';

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true' || v === 'yes');

const optionalText = (max: number, label: string) =>
	z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? '')
		.refine((v) => v.length <= max, `${label} must be ${max} characters or fewer`);

const decimal = (label: string, min: number, max: number) =>
	z
		.string({ error: `Enter ${label}` })
		.trim()
		.min(1, `Enter ${label}`)
		.regex(/^\d+(\.\d+)?$/, `${label[0]!.toUpperCase()}${label.slice(1)} must be a number, like 5`)
		.transform(Number)
		.refine(
			(n) => n >= min && n <= max,
			`${label[0]!.toUpperCase()}${label.slice(1)} must be between ${min} and ${max}`
		);

export const templateSchema = z.object({
	name: requiredText('a name for the scorecard', 120),
	channel: z.enum(mysteryChannels, { error: 'Choose how the shopper contacts the service' })
});

export const sectionSchema = z.object({
	title: requiredText('a section title', 200),
	weight: decimal('the weight', 0, 1000)
});

export const passMarkSchema = z.object({
	passMark: z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? '')
		.refine(
			(v) => v === '' || (/^\d+(\.\d+)?$/.test(v) && Number(v) <= 100),
			'The pass mark must be a number from 0 to 100, or blank for none'
		)
		.transform((v) => (v === '' ? null : Number(v)))
});

export const itemKinds = ['yes-no', 'yes-no-na', 'scale', 'measured'] as const;

export const itemKindLabels: Record<(typeof itemKinds)[number], string> = {
	'yes-no': 'Yes or no',
	'yes-no-na': 'Yes, no or not applicable',
	scale: 'A score from 1 to 5',
	measured: 'A measured fact with a target (rings, minutes, working days)'
};

const itemFormSchema = z
	.object({
		kind: z.enum(itemKinds, { error: 'Choose the type of item' }),
		text: requiredText('the question', 300),
		points: decimal('the points', 0, 100),
		critical: checkbox,
		evidenceRequired: checkbox,
		guidance: optionalText(2000, 'Guidance'),
		unit: optionalText(40, 'The unit'),
		threshold: z.string().optional(),
		direction: z.enum(['at-most', 'at-least']).optional(),
		allowNotApplicable: checkbox
	})
	.superRefine((v, ctx) => {
		if (v.kind === 'scale' && v.critical)
			ctx.addIssue({
				code: 'custom',
				path: ['critical'],
				message: 'A 1 to 5 score cannot be critical: only a “no” can fail a visit'
			});
		if (v.kind === 'measured') {
			if (!v.unit)
				ctx.addIssue({
					code: 'custom',
					path: ['unit'],
					message: 'Enter the unit, like rings or minutes'
				});
			if (!/^\d+(\.\d+)?$/.test(v.threshold?.trim() ?? ''))
				ctx.addIssue({
					code: 'custom',
					path: ['threshold'],
					message: 'Enter the target as a number, like 5'
				});
			if (!v.direction)
				ctx.addIssue({
					code: 'custom',
					path: ['direction'],
					message: 'Choose whether the target is a most or a least'
				});
		}
	});

export const itemSchema = itemFormSchema;

export function toItem(id: string, v: z.output<typeof itemFormSchema>): ScorecardItem {
	const base = {
		id,
		text: v.text,
		points: v.points,
		evidenceRequired: v.evidenceRequired,
		...(v.guidance ? { guidance: v.guidance } : {})
	};
	switch (v.kind) {
		case 'scale':
			return { ...base, kind: 'scale', critical: false };
		case 'measured':
			return {
				...base,
				kind: 'measured',
				critical: v.critical,
				unit: v.unit,
				threshold: Number(v.threshold!.trim()),
				direction: v.direction!,
				allowNotApplicable: v.allowNotApplicable
			};
		default:
			return { ...base, kind: v.kind, critical: v.critical };
	}
}

export const assignmentSchema = z.object({
	templateId: z.coerce.number({ error: 'Choose a scorecard' }).int().positive('Choose a scorecard'),
	serviceId: z.coerce.number({ error: 'Choose a service' }).int().positive('Choose a service'),
	shopperId: z.coerce.number({ error: 'Choose a shopper' }).int().positive('Choose a shopper'),
	windowFrom: z
		.string({ error: 'Enter the first day of the window' })
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the first day of the window, like 2026-03-01'),
	windowTo: z
		.string({ error: 'Enter the last day of the window' })
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the last day of the window, like 2026-03-14'),
	brief: requiredText('a brief for the shopper', 4000)
});

export const intervalSchema = z.object({
	repeatIntervalDays: wholeNumber('the number of days', 0, 3650)
});

export const reviewSchema = z.object({
	decision: z.enum(['approve', 'return', 'reject'], { error: 'Choose a decision' }),
	note: z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? '')
		.refine((v) => v.length <= 2000, 'The note must be 2000 characters or fewer')
		.transform((v) => (v === '' ? null : v))
});

export const idSchema = z.object({ id: z.coerce.number().int().positive() });
