import { and, eq, gte, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { endOfLondonDay, isLocalDate, startOfLondonDay } from '$lib/domain/calendar/london-date';
import { channels, response, tenures } from '../db/schema';

const localDate = z
	.string()
	.refine((value) => isLocalDate(value))
	.optional()
	.catch(undefined);
const id = z.coerce
	.number()
	.int()
	.positive()
	.max(Number.MAX_SAFE_INTEGER)
	.optional()
	.catch(undefined);

/**
 * The filters every results page, chart and export reads from the query string. A value that
 * does not parse is dropped rather than failing the page: the page then shows the unfiltered
 * figure and its filter form shows the filter as not set, so nothing is silently half-applied.
 */
export const resultsFilterSchema = z.object({
	from: localDate,
	to: localDate,
	service: id,
	channel: z.enum(channels).optional().catch(undefined),
	tenure: z.enum(tenures).optional().catch(undefined),
	version: id
});

export type ResultsFilter = z.output<typeof resultsFilterSchema>;

export function parseResultsFilter(params: URLSearchParams): ResultsFilter {
	const raw = Object.fromEntries(
		[...params].filter(([key, value]) => value !== '' && key in resultsFilterSchema.shape)
	);
	return resultsFilterSchema.parse(raw);
}

/** The filter as a query string (without "?"), to carry it into links and export URLs. */
export function filterQuery(filter: ResultsFilter): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(filter))
		if (value !== undefined) params.set(key, String(value));
	return params.toString();
}

/** Submitted responses to the survey that the filter lets through. */
export function responseConditions(surveyId: number, filter: ResultsFilter): SQL {
	const conditions: SQL[] = [eq(response.surveyId, surveyId), eq(response.status, 'submitted')];
	if (filter.from) conditions.push(gte(response.submittedAt, startOfLondonDay(filter.from)));
	if (filter.to) conditions.push(lte(response.submittedAt, endOfLondonDay(filter.to)));
	if (filter.service) conditions.push(eq(response.serviceId, filter.service));
	if (filter.channel) conditions.push(eq(response.channel, filter.channel));
	if (filter.tenure) conditions.push(eq(response.tenure, filter.tenure));
	if (filter.version) conditions.push(eq(response.versionId, filter.version));
	return and(...conditions)!;
}
