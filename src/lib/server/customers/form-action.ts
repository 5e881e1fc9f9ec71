import { fail } from '@sveltejs/kit';
import { parseForm, readForm } from '../forms/parse';
import { CustomerError } from '.';
import { customerSchema, type CustomerInput } from './schemas';

/** Parses a customer form and runs the save; a failure keeps what was typed, ticked boxes too. */
export async function saveCustomerForm(request: Request, save: (input: CustomerInput) => void) {
	const form = await readForm(request);
	const serviceIds = form.getAll('serviceIds').map(String);
	const parsed = parseForm(customerSchema, form);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, serviceIds });
	try {
		save(parsed.data);
	} catch (error) {
		if (!(error instanceof CustomerError)) throw error;
		const values = Object.fromEntries(
			[...form.entries()].filter(([, v]) => typeof v === 'string') as [string, string][]
		);
		return fail(400, { errors: { [error.field]: error.message }, values, serviceIds });
	}
	return undefined;
}
