import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { questionnaire, summaryOfApproach } from '$lib/domain/results/tsm-summary';
import { actorOf } from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { parseForm, readForm } from '$lib/server/forms/parse';
import { filterQuery, parseResultsFilter } from '$lib/server/results/filters';
import { definitionFor } from '$lib/server/results/report';
import {
	addStratum,
	approachSchema,
	removeStratum,
	saveApproach,
	stratumSchema,
	tsmReport
} from '$lib/server/results/tsm-report';
import { surveyOr404 } from '$lib/server/surveys/staff-guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	const db = getDb();
	const { survey, version } = surveyOr404(db, event.params.id);
	const filter = parseResultsFilter(event.url.searchParams);
	const report = tsmReport(db, survey, filter);
	const approach = report.approach;
	const summary = summaryOfApproach({
		samples: report.populations.map((p) => ({ population: p.population, n: p.n })),
		timing: report.timing,
		channels: report.channels,
		accessMode: report.accessMode,
		sampleMethod: approach?.sampleMethod ?? '',
		weighting: report.populations
			.filter((p) => p.strata.length > 0)
			.map((p) => ({
				population: p.population,
				strata: p.strata.length,
				questionCode: p.strata[0]!.questionCode,
				outside: p.outsideStrata
			})),
		excludedHouseholds: approach?.excludedHouseholds ?? 0,
		representativeness: approach?.representativeness ?? '',
		contractor: approach?.contractor ?? '',
		exclusionReasons: approach?.exclusionReasons ?? '',
		sampleShortfall: approach?.sampleShortfall ?? '',
		incentives: approach?.incentives ?? '',
		otherIssues: approach?.otherIssues ?? ''
	});
	return {
		survey: { id: survey.id, title: survey.title },
		query: filterQuery(filter),
		report,
		summary,
		questionnaire: questionnaire(definitionFor(db, survey.id, filter, version.definition))
	};
};

export const actions: Actions = {
	approach: async (event) => {
		const user = requireStaff(event);
		const db = getDb();
		const { survey } = surveyOr404(db, event.params.id);
		const parsed = parseForm(approachSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		saveApproach(db, actorOf(user), survey.id, parsed.data);
		redirect(303, `/admin/surveys/${survey.id}/results/tsm`);
	},
	stratum: async (event) => {
		const user = requireStaff(event);
		const db = getDb();
		const { survey } = surveyOr404(db, event.params.id);
		const parsed = parseForm(stratumSchema, await readForm(event.request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		addStratum(db, actorOf(user), survey.id, parsed.data);
		redirect(303, `/admin/surveys/${survey.id}/results/tsm`);
	},
	removeStratum: async (event) => {
		const user = requireStaff(event);
		const db = getDb();
		const { survey } = surveyOr404(db, event.params.id);
		const id = z.coerce
			.number()
			.int()
			.positive()
			.safeParse((await readForm(event.request)).get('id'));
		if (id.success) removeStratum(db, actorOf(user), survey.id, id.data);
		redirect(303, `/admin/surveys/${survey.id}/results/tsm`);
	}
};
