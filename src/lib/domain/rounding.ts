/**
 * Display rounding for every figure a board, panel or regulator reads (reference/measures.md,
 * "Rounding and intervals"): compute from unrounded counts, round only when showing, to 1 decimal
 * place, half away from zero, in decimal rather than binary arithmetic.
 */

/** What a figure over zero valid answers shows instead of a number. */
export const NO_SCORE = 'no score';

export const DISPLAY_DECIMALS = 1;

// A double holds 15 significant decimal digits reliably; anything beyond is noise from binary
// arithmetic. Reading the value at 15 digits turns 1.45 (stored as 1.4499999999999999556) and
// 100 × 0.145 (computed as 14.499999999999998) back into the decimals they stand for, so the
// half-way case rounds the way a person checking by hand would round it.
const SIGNIFICANT_DIGITS = 15;

/**
 * Rounds half away from zero at the given number of decimal places, treating the value as the
 * decimal it stands for: 1.45 → 1.5, −0.35 → −0.4, 0.05 → 0.1. Never returns −0.
 */
export function roundForDisplay(value: number, decimals: number = DISPLAY_DECIMALS): number {
	if (!Number.isFinite(value)) throw new RangeError(`Cannot round ${value}`);
	if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
		throw new RangeError(`Decimal places must be a whole number from 0 to 10, not ${decimals}`);
	}
	if (value === 0) return 0;

	const [mantissa = '', exponentText] = Math.abs(value).toPrecision(SIGNIFICANT_DIGITS).split('e');
	const [integerDigits = '', fractionDigits = ''] = mantissa.split('.');
	let digits = integerDigits + fractionDigits;
	let pointPosition = integerDigits.length + Number(exponentText ?? 0);
	if (pointPosition < 0) {
		digits = '0'.repeat(-pointPosition) + digits;
		pointPosition = 0;
	}
	const keptLength = pointPosition + decimals;
	digits = digits.padEnd(keptLength + 1, '0');

	const roundingDigit = digits.charAt(keptLength);
	const kept = BigInt(digits.slice(0, keptLength) || '0') + (roundingDigit >= '5' ? 1n : 0n);
	const magnitude = Number(`${kept}e-${decimals}`);
	return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

function groupThousands(fixed: string): string {
	const [integerPart = '', fractionPart] = fixed.split('.');
	const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return fractionPart === undefined ? grouped : `${grouped}.${fractionPart}`;
}

function formatRounded(value: number, decimals: number): string {
	const rounded = roundForDisplay(value, decimals);
	const text = groupThousands(Math.abs(rounded).toFixed(decimals));
	return rounded < 0 ? `-${text}` : text;
}

/** A number to 1 decimal place with thousands separators ("1,234.5"); null → "no score". */
export function formatScore(value: number | null, decimals: number = DISPLAY_DECIMALS): string {
	return value === null ? NO_SCORE : formatRounded(value, decimals);
}

/**
 * A score that can be negative, such as NPS or a period-on-period change, with its sign always
 * shown ("+12.5", "-3.0"); a value that rounds to zero is shown unsigned ("0.0").
 */
export function formatSignedScore(
	value: number | null,
	decimals: number = DISPLAY_DECIMALS
): string {
	if (value === null) return NO_SCORE;
	const text = formatRounded(value, decimals);
	return roundForDisplay(value, decimals) > 0 ? `+${text}` : text;
}

/** A value already on the 0–100 scale, with a percent sign ("45.3%"); null → "no score". */
export function formatPercent(value: number | null, decimals: number = DISPLAY_DECIMALS): string {
	return value === null ? NO_SCORE : `${formatRounded(value, decimals)}%`;
}

/** A count of people or things, whole, with thousands separators ("n = 1,234" uses this). */
export function formatCount(count: number): string {
	if (!Number.isInteger(count)) throw new RangeError(`A count must be whole, not ${count}`);
	return count < 0 ? `-${groupThousands(String(-count))}` : groupThousands(String(count));
}
