// Runs a TypeScript script with the application's own module resolution ($lib, $env, …), so
// command-line tasks (demo data, maintenance) use exactly the code the server runs.
import { createServer, createServerModuleRunner } from 'vite';

const [script, ...args] = process.argv.slice(2);
if (!script) {
	console.error('Usage: node scripts/run.js <script.ts> [arguments…]');
	process.exit(2);
}

const server = await createServer({
	server: { middlewareMode: true, hmr: false, ws: false, watch: null },
	appType: 'custom',
	logLevel: 'error',
	clearScreen: false
});
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
let exitCode = 0;
try {
	const module = await runner.import(script);
	if (typeof module.main === 'function') exitCode = (await module.main(args)) ?? 0;
} catch (error) {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	exitCode = 1;
} finally {
	await runner.close();
	await server.close();
}
process.exit(exitCode);
