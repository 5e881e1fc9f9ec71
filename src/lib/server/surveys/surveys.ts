import { and, desc, eq, like, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
	buildTemplate,
	checkDefinitionUpdate,
	compareDefinitions,
	parseDefinition,
	SURVEY_TEMPLATES,
	type SurveyDefinition,
	type SurveyTemplateKey
} from '$lib/domain/survey';
import { endOfLondonDay, startOfLondonDay } from '$lib/domain/calendar/london-date';
import { recordAudit, type Actor } from '../audit';
import { writeTransaction, type Db } from '../db';
import {
	accessModes,
	anonymityModes,
	response,
	survey,
	surveyVersion,
	type Survey,
	type SurveyStatus
} from '../db/schema';
import { requiredText } from '../forms/parse';
import { getOrganisation } from '../settings';
import { firstFreeSlug, slugify } from '$lib/domain/slug';

export class SurveyError extends Error {
	constructor(
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

export const templateKeys = SURVEY_TEMPLATES.map((t) => t.key) as [
	SurveyTemplateKey,
	...SurveyTemplateKey[]
];

function uniqueSlug(db: Db, base: string): string {
	const taken = new Set(
		db
			.select({ slug: survey.slug })
			.from(survey)
			.where(like(survey.slug, `${base}%`))
			.all()
			.map((r) => r.slug)
	);
	return firstFreeSlug(base, taken);
}

export const createSurveySchema = z.object({
	template: z.enum([...templateKeys, 'blank'], {
		error: 'Select a template, or start from a blank survey'
	}),
	title: z
		.string()
		.trim()
		.max(150, 'Title must be 150 characters or fewer')
		.optional()
		.transform((v) => v || undefined)
});

const blankDefinition = (): SurveyDefinition => ({
	pages: [
		{
			id: 'p1',
			title: 'Your views',
			questions: [
				{
					id: 'q1',
					code: 'Q1',
					type: 'long-text',
					text: 'What would you like to tell us?',
					required: false,
					maxLength: 2000
				}
			]
		}
	]
});

export function createSurvey(
	db: Db,
	actor: Actor & { id: number },
	input: z.output<typeof createSurveySchema>
) {
	return writeTransaction(db, (tx) => {
		const organisationName = getOrganisation(tx).name;
		const built =
			input.template === 'blank'
				? {
						title: input.title ?? 'Untitled survey',
						description: '',
						definition: blankDefinition()
					}
				: buildTemplate(input.template, organisationName);
		const title = input.title ?? built.title;
		const created = tx
			.insert(survey)
			.values({
				title,
				description: built.description,
				slug: uniqueSlug(tx, slugify(title)),
				templateKey: input.template === 'blank' ? null : input.template,
				createdBy: actor.id
			})
			.returning()
			.get();
		tx.insert(surveyVersion)
			.values({ surveyId: created.id, number: 1, definition: built.definition })
			.run();
		recordAudit(tx, actor, {
			action: 'survey.create',
			entity: 'survey',
			entityId: created.id,
			after: { title, template: input.template }
		});
		return created;
	});
}

export function listSurveys(db: Db) {
	const submitted = sql<number>`(select count(*) from ${response} where ${response.surveyId} = ${survey.id} and ${response.status} = 'submitted')`;
	return db
		.select({
			id: survey.id,
			title: survey.title,
			slug: survey.slug,
			status: survey.status,
			accessMode: survey.accessMode,
			anonymity: survey.anonymity,
			opensAt: survey.opensAt,
			closesAt: survey.closesAt,
			responses: submitted
		})
		.from(survey)
		.orderBy(desc(survey.updatedAt), desc(survey.id))
		.all();
}

export function getSurvey(db: Db, id: number) {
	return db.select().from(survey).where(eq(survey.id, id)).get();
}

export function getSurveyBySlug(db: Db, slug: string) {
	return db.select().from(survey).where(eq(survey.slug, slug)).get();
}

export function currentVersion(db: Db, surveyId: number) {
	return db
		.select()
		.from(surveyVersion)
		.where(eq(surveyVersion.surveyId, surveyId))
		.orderBy(desc(surveyVersion.number))
		.limit(1)
		.get();
}

export function getVersion(db: Db, versionId: number) {
	return db.select().from(surveyVersion).where(eq(surveyVersion.id, versionId)).get();
}

export function countResponses(db: Db, versionId: number, status?: 'submitted' | 'in-progress') {
	return (
		db
			.select({ n: sql<number>`count(*)` })
			.from(response)
			.where(
				status
					? and(eq(response.versionId, versionId), eq(response.status, status))
					: eq(response.versionId, versionId)
			)
			.get()?.n ?? 0
	);
}

const optionalDate = (label: string) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return null;
			if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) {
				ctx.addIssue({ code: 'custom', message: `${label} must be a real date, like 2026-12-01` });
				return z.NEVER;
			}
			return v;
		});

export const surveySettingsSchema = z
	.object({
		title: requiredText('a title', 150),
		description: z
			.string()
			.trim()
			.max(2000, 'Description must be 2,000 characters or fewer')
			.default(''),
		slug: z
			.string()
			.trim()
			.toLowerCase()
			.min(3, 'Enter a web address of at least 3 characters')
			.max(60, 'Web address must be 60 characters or fewer')
			.regex(
				/^[a-z0-9]+(-[a-z0-9]+)*$/,
				'Web address can only contain lower-case letters, numbers and single hyphens'
			),
		accessMode: z.enum(accessModes, { error: 'Select who can answer' }),
		anonymity: z.enum(anonymityModes, { error: 'Select whether answers are anonymous' }),
		serviceId: z
			.string()
			.optional()
			.transform((v) => (v ? Number(v) : null))
			.refine((v) => v === null || Number.isSafeInteger(v), 'Select a service'),
		opensOn: optionalDate('Opening date'),
		closesOn: optionalDate('Closing date')
	})
	.refine((v) => !v.opensOn || !v.closesOn || v.closesOn > v.opensOn, {
		path: ['closesOn'],
		message: 'Closing date must be after the opening date'
	});

export function updateSurveySettings(
	db: Db,
	actor: Actor,
	id: number,
	input: z.output<typeof surveySettingsSchema>
) {
	writeTransaction(db, (tx) => {
		const before = getSurvey(tx, id);
		if (!before) throw new SurveyError('That survey no longer exists');
		const clash = getSurveyBySlug(tx, input.slug);
		if (clash && clash.id !== id)
			throw new SurveyError('Another survey already uses this web address', 'slug');
		const hasResponses = tx
			.select({ id: response.id })
			.from(response)
			.where(eq(response.surveyId, id))
			.limit(1)
			.get();
		if (hasResponses && before.anonymity !== input.anonymity)
			throw new SurveyError(
				'Anonymity cannot change once people have answered: they were told how their answers would be kept',
				'anonymity'
			);
		const values = {
			title: input.title,
			description: input.description,
			slug: input.slug,
			accessMode: input.accessMode,
			anonymity: input.anonymity,
			serviceId: input.serviceId,
			opensAt: input.opensOn ? startOfLondonDay(input.opensOn) : null,
			// "until 30 November" means to the end of that day in London.
			closesAt: input.closesOn ? new Date(endOfLondonDay(input.closesOn).getTime() + 1) : null,
			updatedAt: new Date()
		};
		tx.update(survey).set(values).where(eq(survey.id, id)).run();
		recordAudit(tx, actor, {
			action: 'survey.update-settings',
			entity: 'survey',
			entityId: id,
			before: pickSettings(before),
			after: pickSettings({ ...before, ...values })
		});
	});
}

function pickSettings(s: Survey) {
	return {
		title: s.title,
		slug: s.slug,
		accessMode: s.accessMode,
		anonymity: s.anonymity,
		serviceId: s.serviceId,
		opensAt: s.opensAt?.toISOString() ?? null,
		closesAt: s.closesAt?.toISOString() ?? null
	};
}

const transitions: Record<string, { from: SurveyStatus[]; to: SurveyStatus }> = {
	open: { from: ['draft', 'closed'], to: 'open' },
	close: { from: ['open'], to: 'closed' },
	archive: { from: ['closed', 'draft'], to: 'archived' },
	reopen: { from: ['archived'], to: 'closed' }
};

export function changeSurveyStatus(
	db: Db,
	actor: Actor,
	id: number,
	action: keyof typeof transitions
) {
	writeTransaction(db, (tx) => {
		const before = getSurvey(tx, id);
		const rule = transitions[action];
		if (!before || !rule) throw new SurveyError('That survey no longer exists');
		if (!rule.from.includes(before.status))
			throw new SurveyError(`A ${before.status} survey cannot be changed to ${rule.to}`);
		tx.update(survey)
			.set({ status: rule.to, updatedAt: new Date() })
			.where(eq(survey.id, id))
			.run();
		recordAudit(tx, actor, {
			action: `survey.${action}`,
			entity: 'survey',
			entityId: id,
			before: { status: before.status },
			after: { status: rule.to }
		});
	});
}

export function duplicateSurvey(db: Db, actor: Actor & { id: number }, id: number) {
	return writeTransaction(db, (tx) => {
		const original = getSurvey(tx, id);
		const version = original && currentVersion(tx, id);
		if (!original || !version) throw new SurveyError('That survey no longer exists');
		const title = `${original.title} (copy)`;
		const copy = tx
			.insert(survey)
			.values({
				title,
				description: original.description,
				slug: uniqueSlug(tx, slugify(title)),
				templateKey: original.templateKey,
				accessMode: original.accessMode,
				anonymity: original.anonymity,
				serviceId: original.serviceId,
				createdBy: actor.id
			})
			.returning()
			.get();
		tx.insert(surveyVersion)
			.values({ surveyId: copy.id, number: 1, definition: version.definition })
			.run();
		recordAudit(tx, actor, {
			action: 'survey.duplicate',
			entity: 'survey',
			entityId: copy.id,
			after: { from: id, title }
		});
		return copy;
	});
}

export type DefinitionSaveResult = {
	outcome: 'unchanged' | 'updated' | 'new-version';
	versionNumber: number;
};

/**
 * Saves an edited definition. Before anyone answers, the current version is simply replaced.
 * Once it has answers, wording fixes are allowed in place (and audited with before and after);
 * anything structural starts a new version, so every response keeps the questions it answered.
 * Locked wording (the regulator's TSM questions) is refused whatever the state.
 */
export function saveDefinition(
	db: Db,
	actor: Actor,
	surveyId: number,
	input: unknown
): DefinitionSaveResult {
	const parsed = parseDefinition(input);
	if (!parsed.ok) throw new DefinitionError(parsed.issues.map((i) => `${i.path}: ${i.message}`));
	const next = parsed.definition;
	return writeTransaction(db, (tx) => {
		const version = currentVersion(tx, surveyId);
		if (!version) throw new SurveyError('That survey no longer exists');
		const answered = countResponses(tx, version.id) > 0;
		const check = checkDefinitionUpdate(version.definition, next, { hasResponses: answered });
		const comparison = compareDefinitions(version.definition, next);
		if (comparison.change === 'same')
			return { outcome: 'unchanged', versionNumber: version.number };
		// The comparison's messages already say the wording is regulated and cannot change
		if (comparison.lockedChanges.length) throw new DefinitionError(comparison.lockedChanges);
		if (!answered || (check.allowed && comparison.change === 'wording-only')) {
			tx.update(surveyVersion)
				.set({ definition: next })
				.where(eq(surveyVersion.id, version.id))
				.run();
			tx.update(survey).set({ updatedAt: new Date() }).where(eq(survey.id, surveyId)).run();
			recordAudit(tx, actor, {
				action: answered ? 'survey.fix-wording' : 'survey.edit',
				entity: 'survey_version',
				entityId: version.id,
				before: answered ? version.definition : null,
				after: answered ? next : { reasons: comparison.reasons }
			});
			return { outcome: 'updated', versionNumber: version.number };
		}
		const number =
			(tx
				.select({ n: max(surveyVersion.number) })
				.from(surveyVersion)
				.where(eq(surveyVersion.surveyId, surveyId))
				.get()?.n ?? 0) + 1;
		const created = tx
			.insert(surveyVersion)
			.values({ surveyId, number, definition: next })
			.returning()
			.get();
		tx.update(survey).set({ updatedAt: new Date() }).where(eq(survey.id, surveyId)).run();
		recordAudit(tx, actor, {
			action: 'survey.new-version',
			entity: 'survey_version',
			entityId: created.id,
			after: { number, reasons: comparison.reasons }
		});
		return { outcome: 'new-version', versionNumber: number };
	});
}

export class DefinitionError extends Error {
	constructor(readonly problems: string[]) {
		super(problems.join('\n'));
	}
}
