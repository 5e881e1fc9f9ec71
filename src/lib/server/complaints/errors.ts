import { FieldError } from '../forms/field-error';

/** A refusal to make a change to a contact or complaint, with the form field it is about. */
export class ComplaintError extends FieldError {}
