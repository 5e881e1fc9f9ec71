/**
 * The survey domain: question model, skip logic, answer parsing and validation, templates, the
 * TSM question bank, the equality-monitoring block and version comparison. Pure and usable in the
 * browser.
 */

export * from './types';
export * from './scales';
export * from './text';
export * from './form-fields';
export * from './messages';
export * from './conditions';
export * from './answers';
export * from './answer-format';
export * from './definition-schema';
export * from './placeholders';
export * from './tsm-questions';
export * from './equality';
export * from './templates';
export * from './versioning';
export * from './editing';
