import { z } from 'zod';
import { remarkKinds } from '../db/schema';

export const REMARK_MAX_LENGTH = 2000;

/**
 * Free text of up to `max` characters, required. Line breaks arrive from a browser as CRLF but
 * count as one character each, as they do while someone types.
 */
const longText = (missing: string, tooLong: string, max = REMARK_MAX_LENGTH) =>
	z
		.string({ error: missing })
		.transform((v) => v.replaceAll('\r\n', '\n').trim())
		.pipe(z.string().min(1, missing).max(max, tooLong));

export const remarkSchema = z.object({
	kind: z.enum(remarkKinds, { error: 'Choose whether this is a comment or a challenge' }),
	body: longText(
		'Enter your comment or challenge',
		`Your comment or challenge must be ${REMARK_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`
	)
});
export type RemarkInput = z.output<typeof remarkSchema>;

export const replySchema = z.object({
	// A remark that is not this survey's is not found, whatever the id looks like.
	remarkId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).catch(0),
	reply: longText(
		'Enter a reply',
		`Your reply must be ${REMARK_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`
	)
});
export type ReplyInput = z.output<typeof replySchema>;
