import { z } from 'zod';
import {
	isComplaintMeasure,
	isTimedMeasure,
	standardMeasures
} from '$lib/domain/standards/performance';
import { contactChannels } from '../db/schema';
import { optionalId } from '../forms/fields';
import { requiredText, wholeNumber } from '../forms/parse';

/** The most working days a standard may allow: a quarter of a year. */
export const MAX_WORKING_DAYS = 65;

const blankToNull = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : null));

/**
 * A service standard as posted. Fields that do not apply to the chosen measure are ignored and
 * stored empty, so a form filled in for one measure and switched to another keeps nothing stale.
 */
export const standardSchema = z
	.object({
		name: requiredText('a name for the standard', 150),
		measure: z.enum(standardMeasures, { error: 'Select what the standard measures' }),
		serviceId: optionalId('Select a service from the list'),
		contactChannel: z
			.enum([...contactChannels, ''], { error: 'Select a channel from the list' })
			.optional()
			.transform((v) => v || null),
		complaintStage: blankToNull,
		workingDays: blankToNull,
		item: blankToNull,
		targetPercent: wholeNumber('the target', 1, 100)
	})
	// Runs even when another field is wrong, so every mistake is listed at once.
	.superRefine(
		(v, ctx) => {
			const issue = (path: string, message: string) =>
				ctx.addIssue({ code: 'custom', path: [path], message });
			const measure = (standardMeasures as readonly unknown[]).includes(v.measure)
				? v.measure
				: null;
			if (!measure) return;
			if (isTimedMeasure(measure)) {
				if (v.workingDays === null) issue('workingDays', 'Enter the working days');
				else if (!/^\d+$/.test(v.workingDays))
					issue('workingDays', 'Working days must be a whole number, like 2');
				else if (Number(v.workingDays) > MAX_WORKING_DAYS)
					issue('workingDays', `Working days must be between 0 and ${MAX_WORKING_DAYS}`);
			}
			if (isComplaintMeasure(measure) && v.complaintStage !== '1' && v.complaintStage !== '2')
				issue('complaintStage', 'Select the complaint stage');
			if (measure === 'mystery-item' && !itemOf(v.item))
				issue('item', 'Select the scorecard item the standard measures');
		},
		{ when: () => true }
	)
	.transform((v) => {
		const item = v.measure === 'mystery-item' ? itemOf(v.item) : null;
		const complaintStage = isComplaintMeasure(v.measure)
			? (Number(v.complaintStage) as 1 | 2)
			: null;
		const workingDays = isTimedMeasure(v.measure) ? Number(v.workingDays) : null;
		return {
			name: v.name,
			measure: v.measure,
			serviceId: v.serviceId,
			contactChannel: v.measure === 'contact-reply' ? v.contactChannel : null,
			complaintStage,
			workingDays,
			templateId: item?.templateId ?? null,
			itemId: item?.itemId ?? null,
			targetPercent: v.targetPercent
		};
	});

/** "templateId:itemId", as the item list posts it. */
function itemOf(value: string | null | undefined): { templateId: number; itemId: string } | null {
	const match = value ? /^(\d{1,9}):(.{1,100})$/.exec(value) : null;
	return match ? { templateId: Number(match[1]), itemId: match[2]! } : null;
}

export type StandardInput = z.output<typeof standardSchema>;
