// Results at scale (100,000 responses, 1,000,000 answers): see test/bench/results.ts. The benchmark
// lives under test/ so it is type-checked with the rest of the code.
import { spawnSync } from 'node:child_process';

const run = spawnSync(
	process.execPath,
	['scripts/run.js', 'test/bench/results.ts', ...process.argv.slice(2)],
	{ stdio: 'inherit' }
);
process.exit(run.status ?? 1);
