declare module 'virtual:respondent-script' {
	/** Where the respondent's script is served (see scripts/respondent-script.js). */
	const src: string;
	export default src;
}
