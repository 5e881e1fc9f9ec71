// `npm start`: the production server, built first if there is no build yet.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('build/index.js')) {
	const built = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}
// Mystery-shop evidence uploads need more than the Node adapter's 512 KB default.
const env = { ...process.env, BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '6M' };
const server = spawn(process.execPath, ['build/index.js'], { stdio: 'inherit', env });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
	process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
