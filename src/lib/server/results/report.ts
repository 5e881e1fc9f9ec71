import { error } from '@sveltejs/kit';
import { and, count, desc, eq, exists, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { endOfLondonDay, startOfLondonDay } from '$lib/domain/calendar/london-date';
import {
	summariseQuestion,
	type QuestionMeasure,
	type QuestionResult
} from '$lib/domain/results/question-results';
import { resolveSuppressionSettings, resultsNotShownMessage } from '$lib/domain/suppression';
import {
	isTsmPerceptionQuestion,
	TSM_PERCEPTION_CODES,
	tsmMeasureFromCounts,
	type TsmMeasureResult,
	type TsmPopulation
} from '$lib/domain/tsm';
import { allQuestions, isEqualityQuestion, type SurveyDefinition } from '$lib/domain/survey';
import type { Db } from '../db';
import { customer, invitation, survey, surveyVersion, type Survey } from '../db/schema';
import { currentVersion, getSurvey } from '../surveys/surveys';
import { getOrganisation } from '../settings';
import { countSurvey } from './counts';
import { responseConditions, type ResultsFilter } from './filters';
import { tallyTsm } from './tsm-counts';

/**
 * Who is looking decides what small groups show: admins see every figure, small ones marked;
 * staff and the scrutiny panel see nothing resting on fewer than the minimum group size.
 */
export type Viewer = 'admin' | 'staff' | 'panel';

export interface QuestionView extends QuestionResult {
	/** Hidden from this viewer: fewer valid answers than the minimum group size. */
	suppressed: boolean;
	/** Shown to an admin although below the minimum group size, and marked so. */
	belowMinimum: boolean;
	/**
	 * A Tenant Satisfaction Measure seen without a tenure filter: its answers are not shown, since
	 * LCRA and LCHO results are never pooled (reference/tsm.md, "Calculation").
	 */
	byTenureOnly: boolean;
	/** Why a hidden question is hidden, where it is not simply fewer than k answers. */
	notShownReason?: string;
}

/** Whether this question's answers, under this filter, would pool LCRA and LCHO. */
export function poolsTenures(
	question: { code: string; locked?: boolean },
	filter: Pick<ResultsFilter, 'tenure'>
): boolean {
	return !filter.tenure && isTsmPerceptionQuestion(question);
}

export function suppressionFor(db: Db) {
	const organisation = getOrganisation(db);
	return resolveSuppressionSettings({
		k: organisation.minGroupSize,
		kText: organisation.minGroupSizeText
	});
}

/** The definition results are read against: the filtered version, else the latest one. */
export function definitionFor(
	db: Db,
	surveyId: number,
	filter: ResultsFilter,
	latest: SurveyDefinition
) {
	if (!filter.version) return latest;
	const chosen = db
		.select()
		.from(surveyVersion)
		.where(and(eq(surveyVersion.id, filter.version), eq(surveyVersion.surveyId, surveyId)))
		.get();
	return chosen?.definition ?? latest;
}

export function listVersions(db: Db, surveyId: number) {
	return db
		.select({ id: surveyVersion.id, number: surveyVersion.number })
		.from(surveyVersion)
		.where(eq(surveyVersion.surveyId, surveyId))
		.orderBy(surveyVersion.number)
		.all();
}

export type ResponseRate =
	| {
			shown: true;
			invited: number;
			used: number;
			percent: number | null;
			/** Which invitations the filter kept, in words; null when it kept them all. */
			basis: string | null;
	  }
	| { shown: false; reason: string };

/**
 * Invitations sent and answered, among those the filter reaches; null when nobody was invited.
 * An invitation belongs to the London day it was made, to the tenure on its customer's record, and
 * to its survey's service area (as the survey's responses do). So "from"/"to" pick invitations made
 * in those days and count them answered whenever they were answered. Invitations are answered
 * online and are not tied to a version, so a filter on another channel or on a version has no
 * response rate, and the reason is given instead of an unfiltered figure.
 */
export function responseRate(
	db: Db,
	target: Pick<Survey, 'id' | 'serviceId'>,
	filter: ResultsFilter
): ResponseRate | null {
	const sent = and(
		eq(invitation.surveyId, target.id),
		inArray(invitation.status, ['sent', 'used'])
	);
	if (
		!db
			.select({ one: sql`1` })
			.from(invitation)
			.where(sent)
			.limit(1)
			.get()
	)
		return null;
	if (filter.channel && filter.channel !== 'online')
		return {
			shown: false,
			reason: 'Not shown for this channel: invitations are answered online.'
		};
	if (filter.version)
		return {
			shown: false,
			reason: 'Not shown for one version: an invitation is answered in whichever version is open.'
		};
	const conditions: SQL[] = [sent!];
	if (filter.from) conditions.push(gte(invitation.createdAt, startOfLondonDay(filter.from)));
	if (filter.to) conditions.push(lte(invitation.createdAt, endOfLondonDay(filter.to)));
	if (filter.tenure)
		conditions.push(
			exists(
				db
					.select({ one: sql`1` })
					.from(customer)
					.where(and(eq(customer.id, invitation.customerId), eq(customer.tenure, filter.tenure)))
			)
		);
	// A response's service area is its survey's, so the same holds for the survey's invitations.
	if (filter.service !== undefined && filter.service !== target.serviceId) conditions.push(sql`0`);
	const rows = db
		.select({ status: invitation.status, n: count() })
		.from(invitation)
		.where(and(...conditions))
		.groupBy(invitation.status)
		.all();
	const used = rows.find((r) => r.status === 'used')?.n ?? 0;
	const invited = rows.reduce((total, r) => total + r.n, 0);
	const basis = [
		filter.from || filter.to ? 'made in these dates' : null,
		filter.tenure ? `to customers recorded as ${filter.tenure}` : null,
		filter.service ? 'for this service area' : null
	].filter((part) => part !== null);
	return {
		shown: true,
		invited,
		used,
		percent: invited === 0 ? null : (100 * used) / invited,
		basis: basis.length ? basis.join(', ') : null
	};
}

function measureN(measure: QuestionMeasure | null, fallback: number) {
	return measure ? measure.result.n : fallback;
}

export interface SurveyResults {
	responses: number;
	k: number;
	/** Set when the whole result rests on fewer than k responses and this viewer may not see it. */
	notShownMessage: string | null;
	questions: QuestionView[];
	tsm: Record<TsmPopulation, TsmMeasureResult[]> | null;
}

export function surveyResults(
	db: Db,
	surveyId: number,
	definition: SurveyDefinition,
	filter: ResultsFilter,
	viewer: Viewer
): SurveyResults {
	const { k } = suppressionFor(db);
	const where = responseConditions(surveyId, filter);
	const asked = allQuestions(definition).filter((question) => !isEqualityQuestion(question));
	const counts = countSurvey(db, where, asked);
	const strict = viewer !== 'admin';
	if (strict && counts.responses < k)
		return {
			responses: counts.responses,
			k,
			notShownMessage: resultsNotShownMessage(k),
			questions: [],
			tsm: null
		};

	const questions = asked.map((question): QuestionView => {
		const result = summariseQuestion(question, counts.values.get(question.id) ?? {}, {
			gridCounts: counts.grid.get(question.id),
			respondents:
				question.type === 'multiple-choice' ? (counts.respondents.get(question.id) ?? 0) : undefined
		});
		// Not even its counts: pooled, they would give away the size of a hidden tenure's group.
		if (poolsTenures(question, filter))
			return {
				...result,
				answered: 0,
				valid: 0,
				rows: [],
				grid: [],
				measure: null,
				suppressed: false,
				belowMinimum: false,
				byTenureOnly: true
			};
		const small = measureN(result.measure, result.answered) < k;
		if (strict && small)
			return {
				...result,
				rows: [],
				grid: [],
				measure: null,
				suppressed: true,
				belowMinimum: true,
				byTenureOnly: false
			};
		return { ...result, suppressed: false, belowMinimum: small, byTenureOnly: false };
	});

	const hasTsm = allQuestions(definition).some((q) => q.code === 'TP01');
	return {
		responses: counts.responses,
		k,
		notShownMessage: null,
		questions,
		tsm: hasTsm ? hideSmallTsm(tsmResults(db, where), strict ? k : 0) : null
	};
}

/** TP01–TP12 for LCRA and LCHO, unweighted, each with its own n. */
export function tsmResults(db: Db, where: ReturnType<typeof responseConditions>) {
	const tally = tallyTsm(db, where);
	const of = (population: TsmPopulation) =>
		TSM_PERCEPTION_CODES.map((code) => {
			const counts = [...(tally[population][code]?.values() ?? [])][0] ?? {
				satisfied: 0,
				valid: 0,
				excluded: 0
			};
			return tsmMeasureFromCounts(code, population, counts);
		});
	return { LCRA: of('LCRA'), LCHO: of('LCHO') };
}

/** For the panel, a measure resting on fewer than k valid answers is shown as no score, n hidden. */
function hideSmallTsm(tsm: Record<TsmPopulation, TsmMeasureResult[]>, k: number) {
	const hide = (m: TsmMeasureResult): TsmMeasureResult =>
		m.n > 0 && m.n < k
			? { ...m, n: 0, satisfied: 0, excluded: 0, percent: null, se: null, lower: null, upper: null }
			: m;
	return { LCRA: tsm.LCRA.map(hide), LCHO: tsm.LCHO.map(hide) };
}

/**
 * The question breakdowns and trends are about: the survey's first measure. A TSM question is one
 * only under a tenure filter, since its figures are never pooled across LCRA and LCHO.
 */
export function headlineQuestion(
	definition: SurveyDefinition,
	filter: Pick<ResultsFilter, 'tenure'> = {}
) {
	const questions = allQuestions(definition).filter(
		(q) => !isEqualityQuestion(q) && !poolsTenures(q, filter)
	);
	const order = ['nps', 'satisfaction', 'effort', 'agreement', 'rating'] as const;
	for (const type of order) {
		const found = questions.find((q) => q.type === type);
		if (found) return found;
	}
	return undefined;
}

/** Surveys whose results the panel may open: every survey that has been opened to answers. */
export function panelSurveys(db: Db) {
	return db
		.select({ id: survey.id, title: survey.title, status: survey.status })
		.from(survey)
		.where(ne(survey.status, 'draft'))
		.orderBy(desc(survey.updatedAt), desc(survey.id))
		.all();
}

export function panelSurveyOr404(db: Db, idParam: string) {
	const id = Number(idParam);
	const found = Number.isSafeInteger(id) && id > 0 ? getSurvey(db, id) : undefined;
	const version = found && found.status !== 'draft' ? currentVersion(db, found.id) : undefined;
	if (!found || !version) error(404, 'Page not found');
	return { survey: found, version };
}
