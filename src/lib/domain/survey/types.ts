/**
 * The survey question model. A definition is plain JSON: it is stored as one document per survey
 * version, posted by the survey builder, and evaluated the same way by the server and the browser.
 */

export const QUESTION_TYPES = [
	'single-choice',
	'multiple-choice',
	'satisfaction',
	'agreement',
	'nps',
	'effort',
	'rating',
	'yes-no',
	'short-text',
	'long-text',
	'number',
	'date',
	'grid'
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Ids never change once a question exists; they are what stored answers and field names use. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Codes head export columns, so they start with a letter and avoid characters tools choke on. */
export const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** Option values cannot start with "_", which keeps REFUSED_VALUE out of every option list. */
export const OPTION_VALUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Codes starting with this belong to the equality-monitoring block and to nothing else. */
export const EQUALITY_CODE_PREFIX = 'EQ_';

export const WRITE_IN_MAX_LENGTH = 200;
export const SHORT_TEXT_MAX_LENGTH = 500;
export const LONG_TEXT_MAX_LENGTH = 10_000;

export interface ChoiceOption {
	/** Stable code stored in answers and exports. */
	value: string;
	label: string;
	hint?: string;
	/** "Please specify": choosing it reveals a text box whose text is kept with the answer. */
	writeIn?: boolean;
	/** Checkboxes only: choosing it rules out every other option ("None of these"). */
	exclusive?: boolean;
	/** A heading the option is listed under, as the Census lists ethnic groups. */
	group?: string;
}

export interface GridRow {
	value: string;
	label: string;
}

export type GridScale =
	| { type: 'satisfaction'; notApplicable: boolean }
	| { type: 'agreement'; notApplicable: boolean }
	| { type: 'options'; options: ChoiceOption[] };

export type Condition =
	| { type: 'equals'; questionId: string; value: string | number }
	| { type: 'one-of'; questionId: string; values: (string | number)[] }
	| { type: 'answered'; questionId: string }
	| { type: 'range'; questionId: string; min?: number; max?: number }
	| { type: 'all'; conditions: Condition[] }
	| { type: 'any'; conditions: Condition[] };

export interface QuestionBase {
	id: string;
	code: string;
	text: string;
	hint?: string;
	/** Replaces the default "Select…" / "Enter…" message when an answer is missing or invalid. */
	errorMessage?: string;
	required: boolean;
	condition?: Condition;
	/** Regulated wording (TSM): text, hint and option labels may never be edited. */
	locked?: boolean;
	/**
	 * Staff entering a telephone, paper or face-to-face response may record a spontaneous
	 * "don't know / refused". Respondents answering themselves never see that choice.
	 */
	staffCanRecordRefusal?: boolean;
	/** Part of the equality-monitoring block: the caller stores these answers apart. */
	equalityMonitoring?: boolean;
	/** UK GDPR Article 9 special category data. */
	specialCategory?: boolean;
}

export interface SingleChoiceQuestion extends QuestionBase {
	type: 'single-choice';
	options: ChoiceOption[];
}

export interface MultipleChoiceQuestion extends QuestionBase {
	type: 'multiple-choice';
	options: ChoiceOption[];
	maxSelections?: number;
}

/** Very satisfied … Very dissatisfied, optionally with "Not applicable/ don't know". */
export interface SatisfactionQuestion extends QuestionBase {
	type: 'satisfaction';
	notApplicable: boolean;
}

/** Strongly agree … Strongly disagree, optionally with "Not applicable/ don't know". */
export interface AgreementQuestion extends QuestionBase {
	type: 'agreement';
	notApplicable: boolean;
}

/** 0 (Not at all likely) to 10 (Extremely likely). */
export interface NpsQuestion extends QuestionBase {
	type: 'nps';
}

/** 1 (Strongly disagree) to 7 (Strongly agree). */
export interface EffortQuestion extends QuestionBase {
	type: 'effort';
}

/** 1 to 10, with optional words for the two ends. */
export interface RatingQuestion extends QuestionBase {
	type: 'rating';
	lowLabel?: string;
	highLabel?: string;
}

export interface YesNoQuestion extends QuestionBase {
	type: 'yes-no';
}

export interface ShortTextQuestion extends QuestionBase {
	type: 'short-text';
	maxLength: number;
}

export interface LongTextQuestion extends QuestionBase {
	type: 'long-text';
	maxLength: number;
}

export interface NumberQuestion extends QuestionBase {
	type: 'number';
	min?: number;
	max?: number;
	integer: boolean;
}

export interface DateQuestion extends QuestionBase {
	type: 'date';
	/** YYYY-MM-DD, inclusive */
	min?: string;
	/** YYYY-MM-DD, inclusive */
	max?: string;
}

export interface GridQuestion extends QuestionBase {
	type: 'grid';
	rows: GridRow[];
	scale: GridScale;
}

export type Question =
	| SingleChoiceQuestion
	| MultipleChoiceQuestion
	| SatisfactionQuestion
	| AgreementQuestion
	| NpsQuestion
	| EffortQuestion
	| RatingQuestion
	| YesNoQuestion
	| ShortTextQuestion
	| LongTextQuestion
	| NumberQuestion
	| DateQuestion
	| GridQuestion;

export interface SurveyPage {
	id: string;
	title?: string;
	/** Shown under the title, e.g. why the questions are asked. */
	description?: string;
	condition?: Condition;
	questions: Question[];
}

export interface SurveyDefinition {
	pages: SurveyPage[];
}

/** One chosen option: single choice, the two 5-point scales and yes/no. */
export interface ChoiceAnswer {
	type: 'choice';
	value: string;
	/** The "please specify" text, when the chosen option has a write-in and it was filled. */
	writeIn?: string;
}

export interface ChoicesAnswer {
	type: 'choices';
	/** In the order the options are listed, never empty. */
	values: string[];
	/** Keyed by option value; only for chosen write-in options that were filled. */
	writeIns?: Record<string, string>;
}

/** NPS, customer effort, 1–10 rating and number questions. */
export interface NumberAnswer {
	type: 'number';
	value: number;
}

export interface TextAnswer {
	type: 'text';
	/** Trimmed, NFC-normalised, line breaks as \n; never empty. */
	value: string;
}

export interface DateAnswer {
	type: 'date';
	/** YYYY-MM-DD */
	value: string;
}

export interface GridAnswer {
	type: 'grid';
	/** Row value → scale option value, for the rows answered (at least one). */
	rows: Record<string, string>;
}

/** A spontaneous "don't know / refused" recorded by staff: never a respondent's own choice. */
export interface RefusedAnswer {
	type: 'refused';
}

export type Answer =
	| ChoiceAnswer
	| ChoicesAnswer
	| NumberAnswer
	| TextAnswer
	| DateAnswer
	| GridAnswer
	| RefusedAnswer;

/** Answers keyed by question id. A question without an answer has no key. */
export type Answers = Record<string, Answer>;

/** The answer shape each question type stores (besides a staff-recorded refusal). */
export interface AnswerByQuestionType {
	'single-choice': ChoiceAnswer;
	'multiple-choice': ChoicesAnswer;
	satisfaction: ChoiceAnswer;
	agreement: ChoiceAnswer;
	nps: NumberAnswer;
	effort: NumberAnswer;
	rating: NumberAnswer;
	'yes-no': ChoiceAnswer;
	'short-text': TextAnswer;
	'long-text': TextAnswer;
	number: NumberAnswer;
	date: DateAnswer;
	grid: GridAnswer;
}

export type AnswerFor<Q extends Question> = AnswerByQuestionType[Q['type']] | RefusedAnswer;

export const ANSWER_TYPE_BY_QUESTION_TYPE: Readonly<Record<QuestionType, Answer['type']>> = {
	'single-choice': 'choice',
	'multiple-choice': 'choices',
	satisfaction: 'choice',
	agreement: 'choice',
	nps: 'number',
	effort: 'number',
	rating: 'number',
	'yes-no': 'choice',
	'short-text': 'text',
	'long-text': 'text',
	number: 'number',
	date: 'date',
	grid: 'grid'
};

/** Question types whose answer is one value picked from a list: they may take a staff refusal. */
export const SINGLE_PICK_TYPES: readonly QuestionType[] = [
	'single-choice',
	'satisfaction',
	'agreement',
	'nps',
	'effort',
	'rating',
	'yes-no'
];

export function allQuestions(definition: SurveyDefinition): Question[] {
	return definition.pages.flatMap((page) => page.questions);
}

export function findQuestion(
	definition: SurveyDefinition,
	questionId: string
): Question | undefined {
	for (const page of definition.pages) {
		for (const question of page.questions) if (question.id === questionId) return question;
	}
	return undefined;
}

export function findPage(definition: SurveyDefinition, pageId: string): SurveyPage | undefined {
	return definition.pages.find((page) => page.id === pageId);
}

/** The page a question is on, or undefined when the question is not in the definition. */
export function pageOfQuestion(
	definition: SurveyDefinition,
	questionId: string
): SurveyPage | undefined {
	return definition.pages.find((page) => page.questions.some((q) => q.id === questionId));
}

/** What a template gives the survey builder to start from. */
export interface SurveyTemplate {
	title: string;
	/** Shown to respondents on the survey's start page. */
	description: string;
	definition: SurveyDefinition;
}
