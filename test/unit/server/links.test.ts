import { describe, expect, test } from 'vitest';
import { safeNext } from '../../../src/lib/server/auth/guard';
import { emailLinkOrigin } from '../../../src/lib/server/http/origin';

describe('where sign-in may send someone next', () => {
	test('a path on this site, with its query and fragment', () => {
		expect(safeNext('/admin/surveys?status=open#list')).toBe('/admin/surveys?status=open#list');
		expect(safeNext('/panel')).toBe('/panel');
	});

	test('never another site, however the address is disguised', () => {
		for (const next of [
			'https://evil.example/',
			'//evil.example',
			'/\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r\n/evil.example',
			'\t//evil.example',
			'/.//evil.example/x',
			'/..//evil.example',
			'/a/..//evil.example',
			'/%2e//evil.example',
			'evil.example',
			''
		]) {
			expect(safeNext(next), JSON.stringify(next)).toBeNull();
		}
		expect(safeNext(null)).toBeNull();
	});

	test('an encoded tab stays an encoded, harmless part of the path', () => {
		// "/%09/evil.example" arrives decoded from the query string, so the tab case above is the
		// real one; left encoded it is a path on this site.
		expect(safeNext('/%09/evil.example')).toBe('/%09/evil.example');
	});
});

describe('the address links in emails start with', () => {
	test('the configured ORIGIN, whatever the request says', () => {
		expect(
			emailLinkOrigin('https://feedback.example.org/', new URL('http://evil.example/forgot'))
		).toBe('https://feedback.example.org');
	});

	test('without ORIGIN, only a request to this machine may supply it', () => {
		expect(emailLinkOrigin(undefined, new URL('http://localhost:5173/forgot-password'))).toBe(
			'http://localhost:5173'
		);
		expect(emailLinkOrigin(undefined, new URL('http://127.0.0.1:3000/x'))).toBe(
			'http://127.0.0.1:3000'
		);
		expect(emailLinkOrigin(undefined, new URL('http://evil.example/forgot-password'))).toBeNull();
		expect(emailLinkOrigin(undefined, new URL('http://feedback.example.org/x'))).toBeNull();
	});
});
