import { expect, test } from 'vitest';
import { countOf } from '$lib/words';

test('a count takes the word for one only when it is one, and groups thousands', () => {
	expect(countOf(0, 'contact', 'contacts')).toBe('0 contacts');
	expect(countOf(1, 'contact', 'contacts')).toBe('1 contact');
	expect(countOf(2, 'survey response', 'survey responses')).toBe('2 survey responses');
	expect(countOf(12345, 'email', 'emails')).toBe('12,345 emails');
});
