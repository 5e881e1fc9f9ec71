import { env as privateEnv } from '$env/dynamic/private';
import { z } from 'zod';

const flag = z
	.enum(['true', 'false', '1', '0', 'yes', 'no', ''])
	.transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
	.string()
	.trim()
	.transform((v) => (v === '' ? undefined : v))
	.optional();

export const envSchema = z.object({
	DATABASE_PATH: z.string().trim().min(1).default('./data/said-and-done.db'),
	MIGRATIONS_PATH: z.string().trim().min(1).default('./drizzle'),
	ORIGIN: z
		.url({
			protocol: /^https?$/,
			error: 'must be a full address such as https://feedback.example.org'
		})
		.optional(),
	SMTP_HOST: optionalText,
	SMTP_PORT: z.coerce
		.number({ error: 'must be a port number' })
		.int()
		.min(1, 'must be a port number between 1 and 65535')
		.max(65535, 'must be a port number between 1 and 65535')
		.default(587),
	SMTP_SECURE: flag.default(false),
	SMTP_USER: optionalText,
	SMTP_PASSWORD: optionalText,
	MAIL_FROM: z
		.string()
		.trim()
		.min(3, 'must be an address such as "Said & Done <feedback@example.org>"')
		.default('Said & Done <no-reply@localhost>'),
	MAIL_PER_MINUTE: z.coerce
		.number({ error: 'must be a whole number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.default(120),
	FORM_POSTS_PER_MINUTE: z.coerce
		.number({ error: 'must be a whole number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.default(30),
	INVALID_TOKENS_PER_10_MINUTES: z.coerce
		.number({ error: 'must be a whole number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.default(50),
	JOBS_ENABLED: flag.default(true),
	JOB_POLL_MS: z.coerce
		.number({ error: 'must be a number of milliseconds' })
		.int()
		.min(10, 'must be at least 10')
		.default(1000),
	JOB_MAX_ATTEMPTS: z.coerce
		.number({ error: 'must be a whole number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.max(100, 'must be 100 or fewer')
		.default(8),
	RETRY_BASE_MS: z.coerce
		.number({ error: 'must be a number of milliseconds' })
		.int()
		.min(1, 'must be at least 1')
		.default(30_000),
	EVIDENCE_PATH: z.string().trim().min(1).default('./data/evidence'),
	EVIDENCE_MAX_BYTES: z.coerce
		.number({ error: 'must be a number of bytes' })
		.int('must be a whole number of bytes')
		.min(1024, 'must be at least 1024')
		.default(5 * 1024 * 1024)
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment; throws one line per bad variable, naming it and what is wrong. */
export function parseEnv(source: Record<string, string | undefined>): Env {
	const present = Object.fromEntries(
		Object.keys(envSchema.shape)
			.filter((key) => source[key] !== undefined)
			.map((key) => [key, source[key]])
	);
	const result = envSchema.safeParse(present);
	if (result.success) return result.data;
	const lines = result.error.issues.map(
		(issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`
	);
	throw new ConfigurationError(lines.join('\n'));
}

export class ConfigurationError extends Error {
	override name = 'ConfigurationError';
}

let parsed: Env | undefined;

export function env(): Env {
	parsed ??= parseEnv(privateEnv);
	return parsed;
}

/**
 * The largest request body the Node adapter accepts (its `BODY_SIZE_LIMIT`: bytes, or with a K, M
 * or G suffix; 512K unless set), so a page can warn before sending more than that. Null when
 * unlimited.
 */
export function requestBodyLimit(value = privateEnv.BODY_SIZE_LIMIT): number | null {
	const text = value?.trim() || '512K';
	if (text === 'Infinity') return null;
	const match = /^(\d+)([KMG]?)$/i.exec(text);
	if (!match) return null;
	const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2]!.toUpperCase() as '' | 'K'];
	return Number(match[1]) * unit!;
}
