import { describe, expect, test } from 'vitest';
import { requestBodyLimit } from '../../../src/lib/server/env';

describe('the request body limit a page warns about', () => {
	test('is read the way the Node adapter reads BODY_SIZE_LIMIT', () => {
		expect(requestBodyLimit('6M')).toBe(6 * 1024 * 1024);
		expect(requestBodyLimit('512k')).toBe(512 * 1024);
		expect(requestBodyLimit('1000')).toBe(1000);
		expect(requestBodyLimit('1G')).toBe(1024 ** 3);
		// Unset, the adapter's own default.
		expect(requestBodyLimit(undefined)).toBe(512 * 1024);
		expect(requestBodyLimit('Infinity')).toBeNull();
	});
});
