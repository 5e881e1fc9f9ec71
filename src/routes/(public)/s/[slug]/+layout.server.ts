// Survey pages ship no client-side app: SvelteKit's and Svelte's runtimes alone are about 33 KB
// gzip, which would take a survey page over the 50 KB a respondent on an old phone should have
// to download. Forms are plain posts; src/lib/respondent/enhance.ts, bundled on its own, enhances them.
export const csr = false;
