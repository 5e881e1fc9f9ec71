// No 0/O, 1/I/L, so a reference read out over the telephone is not misheard.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A response reference such as RH-7KX3-Q9PD, prefixed with the organisation's initials. */
export function generateReference(organisationName: string): string {
	const initials =
		organisationName
			.split(/\s+/)
			.map((w) => w.replace(/[^A-Za-z]/g, '')[0] ?? '')
			.join('')
			.toUpperCase()
			.slice(0, 3) || 'SD';
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
	return `${initials}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
