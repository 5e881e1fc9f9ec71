/** What a failed action sends back: which form, its messages and what was typed. */
export type FailedForm =
	| { form?: string; errors?: Record<string, string>; values?: Record<string, string> }
	| null
	| undefined;

export function failedFor(result: FailedForm, name: string) {
	return result?.form === name
		? { errors: result.errors ?? {}, values: result.values ?? {} }
		: null;
}
