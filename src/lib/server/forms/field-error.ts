/** A refusal to make a change, with the form field it is about; the transaction rolls back. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
	}
}
