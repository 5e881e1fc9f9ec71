import type { complaintsReport } from '$lib/server/complaints/reports';

export type ComplaintsReport = ReturnType<typeof complaintsReport>;

/** The aggregates the scrutiny panel may see: no learning notes or breakdowns by service of contacts. */
export type PanelReport = Pick<
	ComplaintsReport,
	'satisfaction' | 'perStage' | 'homes' | 'range' | 'preset'
>;

export function share(numerator: number, denominator: number): number | null {
	return denominator === 0 ? null : (100 * numerator) / denominator;
}
