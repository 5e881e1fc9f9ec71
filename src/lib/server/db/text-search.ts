import { sql, type Column, type SQL } from 'drizzle-orm';

/** Case-insensitive "contains", with the user's % and _ taken literally. */
export function containsText(column: Column | SQL, value: string): SQL {
	const pattern = `%${value.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
	return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}
