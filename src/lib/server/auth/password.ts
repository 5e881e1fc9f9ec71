import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's minimum for Argon2id (19 MiB, 2 iterations, 1 lane).
const argonOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFC'), argonOptions);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	return verify(passwordHash, password.normalize('NFC')).catch(() => false);
}

// Verified when no account matches, so unknown and known emails take about the same time.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('not a real password, only here to spend the same time');
	await verifyPassword(await dummyHash, password);
	return false;
}

const commonPasswords = new Set(dictionary['passwords-common'] as string[]);

/** Returns a message saying what to change, or null when the password is acceptable. */
export function checkPasswordStrength(password: string): string | null {
	const length = [...password.normalize('NFC')].length;
	if (length < PASSWORD_MIN_LENGTH)
		return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
	if (length > PASSWORD_MAX_LENGTH)
		return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
	if (isVeryCommon(password))
		return 'This password is too common and easy to guess. Choose a longer phrase, for example three or four unrelated words';
	return null;
}

function isVeryCommon(password: string): boolean {
	const lower = password.toLowerCase();
	if (commonPasswords.has(lower)) return true;
	if (new Set(lower).size <= 2) return true;
	// "Password1234!" is a common word with a little decoration: strip it and look again.
	const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
	if (core.length >= 3 && core !== lower && commonPasswords.has(core)) return true;
	const unspaced = lower.replace(/[\s_.-]+/g, '');
	return unspaced !== lower && commonPasswords.has(unspaced);
}
