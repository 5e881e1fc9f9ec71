import { FieldError } from '../forms/field-error';

/** A refused change to a consultation or its parts, with the form field it is about. */
export class ConsultationError extends FieldError {}
