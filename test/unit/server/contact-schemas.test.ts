import { describe, expect, test } from 'vitest';
import { passOnSchema, publicContactSchema } from '$lib/server/contacts/schemas';

describe('contact text is cleaned the way survey answers are', () => {
	test('control characters and lone surrogate halves are dropped, line endings made \\n', () => {
		const parsed = publicContactSchema.parse({
			kind: 'comment',
			text: ' Bins\u0000 missed\u0001 again\r\n\uD83Dtwice 👍 ',
			customerName: 'Alex\uDC00 Smith\u007f'
		});
		expect(parsed.text).toBe('Bins missed again\ntwice 👍');
		expect(parsed.customerName).toBe('Alex Smith');
	});

	test('text that is only control characters counts as empty', () => {
		const parsed = passOnSchema.safeParse({ passedOnTo: '\u0000\u0001 ' });
		expect(parsed.error?.issues[0]?.message).toBe('Enter who the compliment was passed on to');
	});
});
