import { error } from '@sveltejs/kit';
import { and, asc, desc, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { actionYear } from '$lib/domain/consultations';
import type { Db } from '../db';
import {
	actionFinding,
	consultation,
	consultationAction,
	consultationSurvey,
	focusGroup,
	focusGroupTheme,
	service,
	theme
} from '../db/schema';
import { linkedSurveys, listDocuments, listFindings } from '.';
import { listProgress } from './actions';
import { evidenceFor } from './findings';
import type { PublicFilter } from './schemas';

const publicAction = {
	id: consultationAction.id,
	title: consultationAction.title,
	description: consultationAction.description,
	status: consultationAction.status,
	reason: consultationAction.reason,
	outcome: consultationAction.outcome,
	dueOn: consultationAction.dueOn,
	completedOn: consultationAction.completedOn,
	publishedAt: consultationAction.publishedAt,
	updatedAt: consultationAction.updatedAt,
	service: service.name,
	serviceId: consultationAction.serviceId,
	consultationTitle: consultation.title,
	consultationSlug: consultation.slug
};

/** Published actions of published consultations: what the public may read. Owners never leave. */
export function publishedActions(db: Db, where?: SQL) {
	return db
		.select(publicAction)
		.from(consultationAction)
		.innerJoin(consultation, eq(consultation.id, consultationAction.consultationId))
		.leftJoin(service, eq(service.id, consultationAction.serviceId))
		.where(
			and(isNotNull(consultation.publishedAt), isNotNull(consultationAction.publishedAt), where)
		)
		.orderBy(desc(consultationAction.updatedAt), desc(consultationAction.id))
		.all();
}

function consultationYear(c: { opensOn: string | null; publishedAt: Date | null }) {
	return c.opensOn ? Number(c.opensOn.slice(0, 4)) : (c.publishedAt?.getUTCFullYear() ?? null);
}

/**
 * The index page: published consultations (by service and the year they opened) and published
 * actions (by service, status and the year they were due or done).
 */
export function youSaidWeDid(db: Db, filter: PublicFilter) {
	const consultations = db
		.select({
			id: consultation.id,
			slug: consultation.slug,
			title: consultation.title,
			question: consultation.question,
			status: consultation.status,
			opensOn: consultation.opensOn,
			closesOn: consultation.closesOn,
			publishedAt: consultation.publishedAt,
			serviceId: consultation.serviceId,
			service: service.name
		})
		.from(consultation)
		.leftJoin(service, eq(service.id, consultation.serviceId))
		.where(isNotNull(consultation.publishedAt))
		.orderBy(desc(consultation.opensOn), desc(consultation.id))
		.all();
	const actions = publishedActions(db);
	const years = [...new Set([...consultations.map(consultationYear), ...actions.map(actionYear)])]
		.filter((y): y is number => y !== null)
		.sort((a, b) => b - a);
	return {
		consultations: consultations.filter(
			(c) =>
				(!filter.service || c.serviceId === filter.service) &&
				(!filter.year || consultationYear(c) === filter.year)
		),
		actions: actions.filter(
			(a) =>
				(!filter.service || a.serviceId === filter.service) &&
				(!filter.status || a.status === filter.status) &&
				(!filter.year || actionYear(a) === filter.year)
		),
		years
	};
}

/** Everything the public page of one consultation shows, or 404 unless it is published. */
export function publicConsultation(db: Db, slug: string) {
	const found = db
		.select({ consultation, service: service.name })
		.from(consultation)
		.leftJoin(service, eq(service.id, consultation.serviceId))
		.where(and(eq(consultation.slug, slug), isNotNull(consultation.publishedAt)))
		.get();
	if (!found) error(404, 'Page not found');
	const topic = found.consultation;
	const groups = db
		.select({
			id: focusGroup.id,
			heldOn: focusGroup.heldOn,
			place: focusGroup.place,
			online: focusGroup.online,
			attendees: focusGroup.attendees
		})
		.from(focusGroup)
		.where(eq(focusGroup.consultationId, topic.id))
		.orderBy(asc(focusGroup.heldOn))
		.all();
	const groupThemes = groups.length
		? db
				.select({ focusGroupId: focusGroupTheme.focusGroupId, name: theme.name })
				.from(focusGroupTheme)
				.innerJoin(theme, eq(theme.id, focusGroupTheme.themeId))
				.where(
					inArray(
						focusGroupTheme.focusGroupId,
						groups.map((g) => g.id)
					)
				)
				.orderBy(asc(theme.name))
				.all()
		: [];
	const findings = listFindings(db, topic.id).filter((f) => f.publishedAt !== null);
	const evidence = evidenceFor(
		db,
		topic.id,
		findings.map((f) => f.id)
	);
	const actions = publishedActions(db, eq(consultationAction.consultationId, topic.id));
	const answers = actions.length
		? db
				.select()
				.from(actionFinding)
				.where(
					inArray(
						actionFinding.actionId,
						actions.map((a) => a.id)
					)
				)
				.all()
		: [];
	const progress = listProgress(
		db,
		actions.map((a) => a.id)
	);
	return {
		consultation: {
			slug: topic.slug,
			title: topic.title,
			question: topic.question,
			affected: topic.affected,
			background: topic.background,
			status: topic.status,
			opensOn: topic.opensOn,
			closesOn: topic.closesOn,
			service: found.service
		},
		documents: listDocuments(db, topic.id).map((d) => ({
			title: d.title,
			url: d.url,
			body: d.body
		})),
		surveys: linkedSurveys(db, topic.id)
			.filter((s) => s.status === 'open')
			.map((s) => ({ title: s.title, slug: s.slug })),
		focusGroups: groups.map((g) => ({
			...g,
			themes: groupThemes.filter((t) => t.focusGroupId === g.id).map((t) => t.name)
		})),
		findings: findings.map((f) => ({
			id: f.id,
			statement: f.statement,
			evidence: evidence.get(f.id) ?? []
		})),
		actions: actions.map((a) => ({
			...a,
			findingIds: answers.filter((x) => x.actionId === a.id).map((x) => x.findingId),
			progress: progress
				.filter((p) => p.actionId === a.id)
				.map((p) => ({ notedOn: p.notedOn, note: p.note }))
		}))
	};
}

export type PublicConsultation = ReturnType<typeof publicConsultation>;

/** The consultation id behind a public slug, for the subscription form; null unless published. */
export function publishedConsultationId(db: Db, slug: string): number | null {
	return (
		db
			.select({ id: consultation.id })
			.from(consultation)
			.where(and(eq(consultation.slug, slug), isNotNull(consultation.publishedAt)))
			.get()?.id ?? null
	);
}

/** Published consultations a survey belongs to: where someone who answered it can follow up. */
export function publishedConsultationsOfSurvey(db: Db, surveyId: number) {
	return db
		.select({ slug: consultation.slug, title: consultation.title })
		.from(consultationSurvey)
		.innerJoin(consultation, eq(consultation.id, consultationSurvey.consultationId))
		.where(and(eq(consultationSurvey.surveyId, surveyId), isNotNull(consultation.publishedAt)))
		.orderBy(asc(consultation.title))
		.all();
}
