import { z } from 'zod';
import { channels, type Survey, type SurveyVersion } from '../db/schema';
import { listServices } from '../settings';
import { breakdown, dimensionsFor } from './breakdown';
import type { Dimension } from './counts';
import { listComments, questionsWithText } from './comments';
import { filterQuery, parseResultsFilter } from './filters';
import {
	definitionFor,
	headlineQuestion,
	listVersions,
	responseRate,
	surveyResults,
	type Viewer
} from './report';
import {
	panelSurveyResults,
	panelTrend,
	parsePanelPeriod,
	periodOptions,
	periodParam,
	periodPlan,
	requireOfferedPeriod,
	withPeriod
} from './panel-periods';
import { trends } from './trends';
import { periodLabel } from '$lib/domain/results/reporting-periods';
import { allQuestions } from '$lib/domain/survey';
import type { Db } from '../db';

const viewSchema = z.object({
	by: z
		.string()
		.regex(/^(service|channel|tenure|equality:[A-Z0-9_]{1,40})$/)
		.optional()
		.catch(undefined),
	period: z.enum(['month', 'quarter']).catch('month'),
	comments: z.string().max(100).optional().catch(undefined),
	q: z.string().trim().max(200).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

/** Everything a results page shows, for one viewer, read from the URL's query string. */
export function loadResultsPage(
	db: Db,
	survey: Survey,
	latest: SurveyVersion,
	url: URL,
	viewer: Viewer
) {
	// The panel chooses a fixed period, never free dates (see panel-periods.ts for why).
	const panelPeriod = viewer === 'panel' ? parsePanelPeriod(url.searchParams) : null;
	const chosen = parseResultsFilter(url.searchParams);
	const base = panelPeriod ? { ...chosen, from: undefined, to: undefined } : chosen;
	const view = viewSchema.parse(
		Object.fromEntries(
			[...url.searchParams].filter(([key, v]) => v !== '' && key in viewSchema.shape)
		)
	);
	const definition = definitionFor(db, survey.id, base, latest.definition);
	const plan = panelPeriod ? periodPlan(db, survey.id, base, definition) : null;
	if (plan && panelPeriod) requireOfferedPeriod(plan, panelPeriod);
	const filter = panelPeriod ? withPeriod(base, panelPeriod) : base;
	const results =
		plan && panelPeriod
			? panelSurveyResults(db, survey.id, definition, base, panelPeriod, plan)
			: surveyResults(db, survey.id, definition, filter, viewer);
	const headline = headlineQuestion(definition, filter);
	const tsmByTenure = results.questions.some((q) => q.byTenureOnly);
	const dimensions = dimensionsFor(db, survey.id);
	const dimension = (
		dimensions.some((d) => d.value === view.by) ? view.by : 'service'
	) as Dimension;

	const textQuestions = allQuestions(definition).filter(
		(q) => q.type === 'long-text' || q.type === 'short-text'
	);
	const withText = new Set(
		questionsWithText(
			db,
			survey.id,
			textQuestions.map((q) => q.id)
		)
	);
	const commentQuestion =
		textQuestions.find((q) => q.id === view.comments) ??
		textQuestions.find((q) => withText.has(q.id));

	const hidden = results.notShownMessage !== null;
	const query = panelPeriod
		? new URLSearchParams([
				...new URLSearchParams(filterQuery(base)),
				...(periodParam(panelPeriod) ? [['year', periodParam(panelPeriod)]] : [])
			]).toString()
		: filterQuery(filter);
	// Breakdowns are given to the panel for one whole year at a time, never for all time or a
	// quarter: a group's cells for the years (or quarters) would otherwise subtract to a small one.
	const breakdownShown = !panelPeriod || panelPeriod.kind === 'year';
	return {
		survey: { id: survey.id, title: survey.title, anonymity: survey.anonymity },
		viewer,
		filter: base,
		query,
		period:
			plan && panelPeriod
				? {
						value: periodParam(panelPeriod),
						label: periodLabel(panelPeriod),
						options: periodOptions(plan)
					}
				: null,
		view,
		options: {
			services: listServices(db).map((s) => ({ value: String(s.id), label: s.name })),
			channels: channels.map((c) => ({
				value: c,
				label: c.charAt(0).toUpperCase() + c.slice(1).replaceAll('-', ' ')
			})),
			versions: listVersions(db, survey.id).map((v) => ({
				value: String(v.id),
				label: `Version ${v.number}`
			})),
			dimensions
		},
		responseRate: viewer === 'panel' ? null : responseRate(db, survey, filter),
		results,
		tsmByTenure,
		headline: headline ? { id: headline.id, code: headline.code, text: headline.text } : null,
		breakdown:
			headline && !hidden && breakdownShown
				? breakdown(db, survey.id, filter, headline, dimension, viewer)
				: null,
		breakdownByYearOnly: !breakdownShown,
		trends:
			headline && !hidden
				? plan && panelPeriod
					? panelTrend(plan, headline, panelPeriod)
					: trends(db, survey.id, filter, headline, view.period, viewer)
				: null,
		commentQuestions: textQuestions.map((q) => ({ id: q.id, code: q.code, text: q.text })),
		comments:
			commentQuestion && !hidden
				? {
						question: { id: commentQuestion.id, text: commentQuestion.text },
						...listComments(db, survey.id, filter, commentQuestion.id, viewer, {
							search: view.q,
							page: view.page
						})
					}
				: null
	};
}

export type ResultsPageData = ReturnType<typeof loadResultsPage>;
