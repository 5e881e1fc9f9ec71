/**
 * Mystery-shopping scorecards: the template model, checking a shopper's answers, scoring a visit
 * and the aggregates shown to staff, the panel and the board.
 *
 * Scoring follows the "Mystery-shop scoring" rules in reference/measures.md. All scores are
 * percentages from 0 to 100 and are kept unrounded; rounding is for display only.
 */

export type ScorecardItemKind = 'yes-no' | 'yes-no-na' | 'scale' | 'measured';

/** Whether a measured fact passes when it is at most or at least the threshold (inclusive). */
export type MeasuredDirection = 'at-most' | 'at-least';

interface ItemBase {
	/** Stable across wording fixes: submissions refer to items by id. */
	id: string;
	text: string;
	points: number;
	guidance?: string;
	/** The shopper must attach evidence (a photo, a screenshot) whenever the item applies. */
	evidenceRequired: boolean;
}

export interface YesNoItem extends ItemBase {
	kind: 'yes-no';
	critical: boolean;
}

export interface YesNoNaItem extends ItemBase {
	kind: 'yes-no-na';
	critical: boolean;
}

/**
 * A 1–5 rating. It cannot be critical: the reference defines a critical failure as a "no", and a
 * rating has no "no".
 */
export interface ScaleItem extends ItemBase {
	kind: 'scale';
	critical: false;
}

/** A number the shopper measures, such as rings before the phone was answered. */
export interface MeasuredItem extends ItemBase {
	kind: 'measured';
	critical: boolean;
	/** Plural noun used in messages, e.g. "rings" or "minutes". */
	unit: string;
	threshold: number;
	direction: MeasuredDirection;
	allowNotApplicable: boolean;
}

export type ScorecardItem = YesNoItem | YesNoNaItem | ScaleItem | MeasuredItem;

export interface ScorecardSection {
	id: string;
	title: string;
	/** Relative weight; only its ratio to the other sections' weights matters. */
	weight: number;
	items: ScorecardItem[];
}

export interface ScorecardTemplate {
	sections: ScorecardSection[];
	/** Percentage (0–100) a visit must reach to pass; none means every non-critical visit passes. */
	passMark?: number | null;
}

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** 'yes' | 'no' | 'na', a scale value 1–5, or a measured number. */
export type ScorecardAnswerValue = 'yes' | 'no' | 'na' | number;

export interface ScorecardAnswer {
	value: ScorecardAnswerValue;
	/** Trimmed; null when the shopper left it blank. */
	comment: string | null;
	evidenceCount: number;
}

export type ScorecardAnswers = Readonly<Record<string, ScorecardAnswer>>;

/** What arrives from a form or an API before it is checked. */
export interface RawScorecardAnswer {
	value?: unknown;
	comment?: unknown;
	evidenceCount?: unknown;
}

export type RawScorecardAnswers = Readonly<Record<string, RawScorecardAnswer | undefined>>;

export interface ScorecardAnswerError {
	itemId: string;
	message: string;
}

export type ScorecardValidation =
	{ ok: true; answers: ScorecardAnswers } | { ok: false; errors: ScorecardAnswerError[] };

function allItems(
	template: ScorecardTemplate
): { section: ScorecardSection; item: ScorecardItem }[] {
	return template.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
}

function allowsNotApplicable(item: ScorecardItem): boolean {
	return item.kind === 'yes-no-na' || (item.kind === 'measured' && item.allowNotApplicable);
}

function describeTarget(item: MeasuredItem): string {
	return `${item.direction === 'at-most' ? 'at most' : 'at least'} ${item.threshold} ${item.unit}`;
}

export function measuredPasses(item: MeasuredItem, value: number): boolean {
	return item.direction === 'at-most' ? value <= item.threshold : value >= item.threshold;
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Reads a number typed into a form; rejects "1e3", "0x10", "5 rings" and the like. */
function readNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return DECIMAL.test(trimmed) ? Number(trimmed) : null;
}

function missingMessage(item: ScorecardItem): string {
	switch (item.kind) {
		case 'yes-no':
			return `Choose yes or no for "${item.text}"`;
		case 'yes-no-na':
			return `Choose yes, no or not applicable for "${item.text}"`;
		case 'scale':
			return `Choose a score from ${SCALE_MIN} to ${SCALE_MAX} for "${item.text}"`;
		case 'measured':
			return item.allowNotApplicable
				? `Enter the number of ${item.unit} for "${item.text}", or mark it not applicable`
				: `Enter the number of ${item.unit} for "${item.text}"`;
	}
}

function notApplicableMessage(item: ScorecardItem): string {
	const instead =
		item.kind === 'scale'
			? `choose a score from ${SCALE_MIN} to ${SCALE_MAX}`
			: item.kind === 'measured'
				? `enter the number of ${item.unit}`
				: 'choose yes or no';
	return `"${item.text}" cannot be marked not applicable: ${instead}`;
}

/** Returns the typed value, or the message to show the shopper. */
function readValue(item: ScorecardItem, raw: unknown): ScorecardAnswerValue | { error: string } {
	if (isBlank(raw)) return { error: missingMessage(item) };
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : null;
	if (text === 'na') {
		return allowsNotApplicable(item) ? 'na' : { error: notApplicableMessage(item) };
	}
	switch (item.kind) {
		case 'yes-no':
		case 'yes-no-na':
			if (text === 'yes' || text === 'no') return text;
			return { error: missingMessage(item) };
		case 'scale': {
			const score = readNumber(raw);
			if (score === null) return { error: missingMessage(item) };
			if (!Number.isInteger(score) || score < SCALE_MIN || score > SCALE_MAX) {
				return {
					error: `The score for "${item.text}" must be a whole number from ${SCALE_MIN} to ${SCALE_MAX}`
				};
			}
			return score;
		}
		case 'measured': {
			const measured = readNumber(raw);
			if (measured === null) {
				return { error: `Enter the number of ${item.unit} for "${item.text}" as a number, like 3` };
			}
			// Rings, minutes and queue lengths cannot be negative; a minus sign is a typing slip.
			if (measured < 0) {
				return { error: `The number of ${item.unit} for "${item.text}" cannot be less than 0` };
			}
			return measured;
		}
	}
}

function isFailure(item: ScorecardItem, value: ScorecardAnswerValue): boolean {
	if (value === 'no') return true;
	return item.kind === 'measured' && typeof value === 'number' && !measuredPasses(item, value);
}

function readComment(raw: unknown): string | null {
	if (typeof raw !== 'string') return null;
	const trimmed = raw.trim();
	return trimmed === '' ? null : trimmed;
}

function readEvidenceCount(raw: unknown): number {
	return typeof raw === 'number' && Number.isInteger(raw) && raw > 0 ? raw : 0;
}

/**
 * Checks a submission against its template. Every item needs an answer; every "no" and every
 * measured fact that misses its target needs a comment or evidence (so the reviewer and the
 * service can see what happened); items marked evidenceRequired need evidence unless not
 * applicable. Errors come one per item, in the order the shopper sees the items, followed by
 * answers to items that are not on this template.
 */
export function validateScorecardAnswers(
	template: ScorecardTemplate,
	raw: RawScorecardAnswers
): ScorecardValidation {
	const answers: Record<string, ScorecardAnswer> = {};
	const errors: ScorecardAnswerError[] = [];
	const known = new Set<string>();

	for (const { item } of allItems(template)) {
		known.add(item.id);
		const given = raw[item.id];
		const value = readValue(item, given?.value);
		if (typeof value === 'object') {
			errors.push({ itemId: item.id, message: value.error });
			continue;
		}
		const comment = readComment(given?.comment);
		const evidenceCount = readEvidenceCount(given?.evidenceCount);
		if (isFailure(item, value) && comment === null && evidenceCount === 0) {
			const what =
				item.kind === 'measured' && typeof value === 'number'
					? `"${item.text}" missed the target of ${describeTarget(item)}`
					: `the answer to "${item.text}" is no`;
			errors.push({ itemId: item.id, message: `Add a comment or evidence to explain why ${what}` });
			continue;
		}
		if (item.evidenceRequired && value !== 'na' && evidenceCount === 0) {
			errors.push({ itemId: item.id, message: `Add evidence for "${item.text}"` });
			continue;
		}
		answers[item.id] = { value, comment, evidenceCount };
	}

	for (const itemId of Object.keys(raw)) {
		if (known.has(itemId)) continue;
		errors.push({
			itemId,
			message:
				'An answer was given to a question that is not on this scorecard. Reload the scorecard and try again'
		});
	}

	return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

export type VisitOutcome = 'pass' | 'fail' | 'fail-critical' | 'not-scored';

export interface ItemResult {
	itemId: string;
	sectionId: string;
	applicable: boolean;
	earned: number;
	possible: number;
	/** Whether a yes/no or measured item was met; null for scale items and N/A answers. */
	met: boolean | null;
}

export interface SectionResult {
	sectionId: string;
	weight: number;
	earned: number;
	possible: number;
	/** 0–100, or null when nothing in the section was applicable. */
	percent: number | null;
	included: boolean;
	/** This section's share of the visit score after rescaling (0–1); 0 when left out. */
	effectiveWeight: number;
}

export interface VisitScore {
	sections: SectionResult[];
	items: ItemResult[];
	/** The weighted score before the critical rule; null when no section had anything applicable. */
	rawScore: number | null;
	/** 0 after a critical failure, otherwise the raw score. */
	finalScore: number | null;
	outcome: VisitOutcome;
	/** Every "no" and missed measured target, critical or not, in template order (for coaching). */
	failedItems: string[];
	failedCriticalItems: string[];
}

// Scores built from fractions such as 2/3 land a hair below a pass mark they mathematically
// equal; a visit must not fail by a rounding error nobody can see.
const PASS_MARK_TOLERANCE = 1e-9;

function scoreItem(
	item: ScorecardItem,
	sectionId: string,
	answer: ScorecardAnswer | undefined
): ItemResult {
	const base = { itemId: item.id, sectionId, applicable: true, possible: item.points };
	if (answer === undefined) {
		throw new Error(`Cannot score a visit without an answer to item ${item.id}`);
	}
	const { value } = answer;
	if (value === 'na') {
		if (!allowsNotApplicable(item)) {
			throw new Error(`Item ${item.id} does not allow not applicable`);
		}
		return { ...base, applicable: false, earned: 0, possible: 0, met: null };
	}
	switch (item.kind) {
		case 'yes-no':
		case 'yes-no-na':
			if (value !== 'yes' && value !== 'no') break;
			return {
				...base,
				earned: value === 'yes' ? item.points : 0,
				met: value === 'yes'
			};
		case 'scale':
			if (typeof value !== 'number' || !Number.isInteger(value)) break;
			if (value < SCALE_MIN || value > SCALE_MAX) break;
			return {
				...base,
				earned: (item.points * (value - SCALE_MIN)) / (SCALE_MAX - SCALE_MIN),
				met: null
			};
		case 'measured': {
			if (typeof value !== 'number') break;
			const passes = measuredPasses(item, value);
			return { ...base, earned: passes ? item.points : 0, met: passes };
		}
	}
	throw new Error(`Answer ${String(value)} does not fit item ${item.id} (${item.kind})`);
}

/**
 * Scores one visit. The answers must have come through validateScorecardAnswers for the same
 * template; an answer that does not fit its item is a programming error and throws.
 *
 * A measured fact that misses its target on a critical item counts as a critical "no": a measured
 * item is a yes/no question ("answered within 5 rings?") recorded as the number behind it.
 *
 * A visit where nothing applied has no score (null) and the outcome 'not-scored', just as a
 * figure over zero valid answers is "no score" elsewhere; the aggregates leave it out.
 * A section whose applicable items are all worth 0 points is left out like an empty one, since
 * its percentage is 0 ÷ 0.
 */
export function scoreVisit(template: ScorecardTemplate, answers: ScorecardAnswers): VisitScore {
	const items: ItemResult[] = [];
	const failedItems: string[] = [];
	const failedCriticalItems: string[] = [];

	const sections = template.sections.map((section) => {
		let earned = 0;
		let possible = 0;
		for (const item of section.items) {
			const result = scoreItem(item, section.id, answers[item.id]);
			items.push(result);
			earned += result.earned;
			possible += result.possible;
			if (result.met === false) {
				failedItems.push(item.id);
				if (item.critical) failedCriticalItems.push(item.id);
			}
		}
		const included = possible > 0;
		return {
			sectionId: section.id,
			weight: section.weight,
			earned,
			possible,
			percent: included ? (100 * earned) / possible : null,
			included
		};
	});

	const weightLeftIn = sections.reduce((sum, s) => (s.included ? sum + s.weight : sum), 0);
	const weightedSum = sections.reduce(
		(sum, s) => (s.included && s.percent !== null ? sum + s.weight * s.percent : sum),
		0
	);
	const rawScore = weightLeftIn > 0 ? weightedSum / weightLeftIn : null;
	const sectionResults: SectionResult[] = sections.map((s) => ({
		...s,
		effectiveWeight: s.included && weightLeftIn > 0 ? s.weight / weightLeftIn : 0
	}));

	let outcome: VisitOutcome;
	let finalScore: number | null;
	if (failedCriticalItems.length > 0) {
		outcome = 'fail-critical';
		finalScore = 0;
	} else if (rawScore === null) {
		outcome = 'not-scored';
		finalScore = null;
	} else {
		const passMark = template.passMark ?? null;
		outcome = passMark !== null && rawScore < passMark - PASS_MARK_TOLERANCE ? 'fail' : 'pass';
		finalScore = rawScore;
	}

	return {
		sections: sectionResults,
		items,
		rawScore,
		finalScore,
		outcome,
		failedItems,
		failedCriticalItems
	};
}

/** Where a visit stands in staff quality review. */
export type ReviewStatus = 'pending' | 'approved' | 'returned' | 'rejected';

/**
 * Only visits approved in quality review count in scores, averages, trends and standards. Any
 * other status, including ones added later, does not.
 */
export function countsInResults(reviewStatus: string): boolean {
	return reviewStatus === 'approved';
}

export interface ReviewedVisit {
	reviewStatus: string;
	score: VisitScore;
}

/** A figure with the number of visits behind it; value is null when there are none. */
export interface VisitAggregate {
	value: number | null;
	n: number;
}

function scoredApprovedVisits(visits: readonly ReviewedVisit[]): VisitScore[] {
	return visits
		.filter((visit) => countsInResults(visit.reviewStatus))
		.map((visit) => visit.score)
		.filter((score) => score.outcome !== 'not-scored');
}

function mean(values: number[]): VisitAggregate {
	if (values.length === 0) return { value: null, n: 0 };
	return { value: values.reduce((sum, v) => sum + v, 0) / values.length, n: values.length };
}

/**
 * The headline average: final scores of approved visits, a critical fail counting as 0. Visits
 * that are not approved are ignored here, so a caller cannot leak them in by mistake.
 */
export function averageFinalScore(visits: readonly ReviewedVisit[]): VisitAggregate {
	return mean(scoredApprovedVisits(visits).map((score) => score.finalScore ?? 0));
}

/** The average before the critical rule; to be shown only beside the final average, labelled. */
export function averageRawScore(visits: readonly ReviewedVisit[]): VisitAggregate {
	return mean(
		scoredApprovedVisits(visits).flatMap((score) =>
			score.rawScore === null ? [] : [score.rawScore]
		)
	);
}

export interface CriticalFailureRate extends VisitAggregate {
	failed: number;
}

/** Percentage (0–100) of approved, scored visits that failed on a critical item. */
export function criticalFailureRate(visits: readonly ReviewedVisit[]): CriticalFailureRate {
	const scored = scoredApprovedVisits(visits);
	const failed = scored.filter((score) => score.outcome === 'fail-critical').length;
	return {
		value: scored.length === 0 ? null : (100 * failed) / scored.length,
		failed,
		n: scored.length
	};
}

export interface ItemMetRate extends VisitAggregate {
	itemId: string;
	met: number;
}

/**
 * Percentage (0–100) of approved visits that met each yes/no or measured item, not applicable
 * answers excluded from the base. Scale items have no "met" and are not listed. Items come in the
 * order they first appear.
 */
export function itemMetRate(visits: readonly ReviewedVisit[]): ItemMetRate[] {
	const tallies = new Map<string, { met: number; n: number }>();
	for (const score of scoredApprovedVisits(visits)) {
		for (const item of score.items) {
			if (item.met === null) continue;
			const tally = tallies.get(item.itemId) ?? { met: 0, n: 0 };
			tally.n += 1;
			if (item.met) tally.met += 1;
			tallies.set(item.itemId, tally);
		}
	}
	return [...tallies].map(([itemId, { met, n }]) => ({
		itemId,
		met,
		n,
		value: n === 0 ? null : (100 * met) / n
	}));
}

export interface TemplateCompatibility {
	compatible: boolean;
	reasons: string[];
}

function describeKind(item: ScorecardItem): string {
	switch (item.kind) {
		case 'yes-no':
			return 'yes / no';
		case 'yes-no-na':
			return 'yes / no / not applicable';
		case 'scale':
			return `a ${SCALE_MIN}–${SCALE_MAX} scale`;
		case 'measured':
			return 'a measured fact';
	}
}

function compareItems(
	before: ScorecardItem,
	after: ScorecardItem,
	sectionBefore: string,
	sectionAfter: string
): string[] {
	const name = `"${before.text}"`;
	const reasons: string[] = [];
	if (sectionBefore !== sectionAfter) reasons.push(`${name} moved to another section`);
	if (before.kind !== after.kind) {
		reasons.push(`${name} changed from ${describeKind(before)} to ${describeKind(after)}`);
	}
	if (before.points !== after.points) {
		reasons.push(`${name} changed from ${before.points} to ${after.points} points`);
	}
	if (before.critical !== after.critical) {
		reasons.push(`${name} ${after.critical ? 'became' : 'is no longer'} a critical item`);
	}
	if (before.evidenceRequired !== after.evidenceRequired) {
		reasons.push(`${name} ${after.evidenceRequired ? 'now needs' : 'no longer needs'} evidence`);
	}
	if (before.kind === 'measured' && after.kind === 'measured') {
		if (before.threshold !== after.threshold || before.direction !== after.direction) {
			reasons.push(
				`${name} changed its target from ${describeTarget(before)} to ${describeTarget(after)}`
			);
		}
		// A different unit means the numbers already recorded measure something else.
		if (before.unit !== after.unit) {
			reasons.push(`${name} changed its unit from ${before.unit} to ${after.unit}`);
		}
		if (before.allowNotApplicable !== after.allowNotApplicable) {
			reasons.push(
				`${name} ${after.allowNotApplicable ? 'can now' : 'can no longer'} be marked not applicable`
			);
		}
	}
	return reasons;
}

/**
 * Whether an edit can be applied in place to a template that already has submissions. Only
 * changes that leave every stored answer valid and every stored score the same are compatible:
 * titles, item wording and guidance, and the order of sections and items. Anything else changes
 * what earlier visits mean and needs a new version; the reasons say why, for the person editing.
 * Items and sections are matched by id.
 */
export function isCompatibleChange(
	oldTemplate: ScorecardTemplate,
	newTemplate: ScorecardTemplate
): TemplateCompatibility {
	const reasons: string[] = [];

	const oldPassMark = oldTemplate.passMark ?? null;
	const newPassMark = newTemplate.passMark ?? null;
	if (oldPassMark !== newPassMark) {
		reasons.push(`The pass mark changed from ${oldPassMark ?? 'none'} to ${newPassMark ?? 'none'}`);
	}

	const newSections = new Map(newTemplate.sections.map((s) => [s.id, s]));
	for (const section of oldTemplate.sections) {
		const after = newSections.get(section.id);
		if (after === undefined) {
			reasons.push(`The section "${section.title}" was removed`);
		} else if (section.weight !== after.weight) {
			reasons.push(
				`The weight of "${section.title}" changed from ${section.weight} to ${after.weight}`
			);
		}
	}
	const oldSectionIds = new Set(oldTemplate.sections.map((s) => s.id));
	for (const section of newTemplate.sections) {
		if (!oldSectionIds.has(section.id)) {
			reasons.push(`The section "${section.title}" was added`);
		}
	}

	const oldItems = allItems(oldTemplate);
	const newItems = new Map(allItems(newTemplate).map((entry) => [entry.item.id, entry]));
	for (const { section, item } of oldItems) {
		const after = newItems.get(item.id);
		if (after === undefined) {
			reasons.push(`The item "${item.text}" was removed`);
			continue;
		}
		reasons.push(...compareItems(item, after.item, section.id, after.section.id));
	}
	const oldItemIds = new Set(oldItems.map(({ item }) => item.id));
	for (const { item } of newItems.values()) {
		// Earlier submissions have no answer to a new item, so they could no longer be scored.
		if (!oldItemIds.has(item.id)) reasons.push(`The item "${item.text}" was added`);
	}

	return { compatible: reasons.length === 0, reasons };
}
