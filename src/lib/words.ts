/** "1 contact", "2 contacts", "1,234 contacts": a count with the word that goes with it. */
export function countOf(n: number, one: string, many: string): string {
	return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
