/** A small seeded generator, so the demo data is the same on every run. */
export function seededRandom(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
		chance: (p: number) => next() < p,
		/** Picks by relative weight: weighted([['a', 3], ['b', 1]]) gives 'a' three times as often. */
		weighted: <T>(options: readonly (readonly [T, number])[]): T => {
			const total = options.reduce((s, [, w]) => s + w, 0);
			let r = next() * total;
			for (const [value, w] of options) if ((r -= w) < 0) return value;
			return options[options.length - 1]![0];
		}
	};
}

export type Random = ReturnType<typeof seededRandom>;
