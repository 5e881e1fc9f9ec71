import { z } from 'zod';
import type { ScorecardTemplate } from '../scorecard';

/** Stored scorecard definitions are checked against this; it mirrors the types in scorecard.ts. */
const itemBase = {
	id: z.string().min(1).max(40),
	text: z.string().trim().min(1).max(300),
	points: z.number().min(0).max(100),
	guidance: z.string().max(2000).optional(),
	evidenceRequired: z.boolean()
};

const yesNo = z.object({ ...itemBase, kind: z.literal('yes-no'), critical: z.boolean() });
const yesNoNa = z.object({ ...itemBase, kind: z.literal('yes-no-na'), critical: z.boolean() });
/** A rating has no "no", so it cannot be critical. */
const scale = z.object({ ...itemBase, kind: z.literal('scale'), critical: z.literal(false) });
const measured = z.object({
	...itemBase,
	kind: z.literal('measured'),
	critical: z.boolean(),
	unit: z.string().trim().min(1).max(40),
	threshold: z.number().min(0),
	direction: z.enum(['at-most', 'at-least']),
	allowNotApplicable: z.boolean()
});

export const scorecardItemSchema = z.discriminatedUnion('kind', [yesNo, yesNoNa, scale, measured]);

export const scorecardSectionSchema = z.object({
	id: z.string().min(1).max(40),
	title: z.string().trim().min(1).max(200),
	weight: z.number().min(0).max(1000),
	items: z.array(scorecardItemSchema)
});

export const scorecardTemplateSchema = z
	.object({
		sections: z.array(scorecardSectionSchema),
		passMark: z.number().min(0).max(100).nullable().optional()
	})
	.superRefine((template, ctx) => {
		const ids = new Set<string>();
		for (const section of template.sections) {
			for (const id of [section.id, ...section.items.map((i) => i.id)]) {
				if (ids.has(id)) ctx.addIssue({ code: 'custom', message: `Duplicate id ${id}` });
				ids.add(id);
			}
		}
	});

export function parseScorecardDefinition(value: unknown): ScorecardTemplate {
	return scorecardTemplateSchema.parse(value) as ScorecardTemplate;
}

/** Whether a definition can be used for visits: at least one item, and a positive weight. */
export function readinessProblems(template: ScorecardTemplate): string[] {
	const problems: string[] = [];
	const items = template.sections.flatMap((s) => s.items);
	if (items.length === 0) problems.push('Add at least one item before assigning this scorecard');
	if (!template.sections.some((s) => s.weight > 0 && s.items.length > 0)) {
		problems.push('At least one section with items needs a weight above 0');
	}
	return problems;
}
