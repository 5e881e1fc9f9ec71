/** What a consultation form was filled with: from the record, or as posted and sent back. */
export type FormValues = Record<string, string | string[] | null | undefined>;

/** One field's value as text; several (from repeated names) joined with commas. */
export function fieldText(values: FormValues, name: string): string {
	const value = values[name];
	return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** The ids ticked in a group of checkboxes, however they came back. */
export function chosenIds(values: FormValues, name: string): Set<string> {
	return new Set(
		([] as string[])
			.concat(values[name] ?? [])
			.flatMap((value) => value.split(',').map((id) => id.trim()))
	);
}
