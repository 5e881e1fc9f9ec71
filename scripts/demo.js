// `npm run demo`: a fresh demo database each time (so the printed passwords always work), then
// the production build serving it.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const port = process.env.PORT ?? '3000';
const env = {
	...process.env,
	DATABASE_PATH: process.env.DATABASE_PATH ?? './data/demo.db',
	PORT: port,
	ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
	// Mystery-shop evidence uploads need more than the Node adapter's 512 KB default.
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '6M'
};
for (const suffix of ['', '-wal', '-shm']) rmSync(env.DATABASE_PATH + suffix, { force: true });

const seeded = spawnSync(process.execPath, ['scripts/run.js', 'src/lib/server/demo/seed.ts'], {
	env,
	stdio: 'inherit'
});
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

const server = spawn(process.execPath, ['build/index.js'], { env, stdio: 'inherit' });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
	process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
