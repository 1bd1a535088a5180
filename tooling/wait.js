// @ts-check
'use strict';
/**
 * Waiting without wall-clock deadlines. On a busy machine n8n answers and works slower, so a fixed
 * budget that an idle machine meets fails for no reason. A wait here fails only after a long
 * stretch in which nothing moved; jest's test timeout is the last resort.
 */
/** @type {(ms: number) => Promise<void>} */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check(progress)` until it returns something other than `undefined`, and returns that.
 * `check` reports what it saw with `progress(snapshot)` (a count, a status); a snapshot that
 * differs from the previous one is progress. The wait gives up after `stallMs` without progress,
 * counting only the pauses between checks, not the time a check waits for answers: the slower n8n
 * answers, the longer the wait. `check` may throw to stop at once.
 *
 * `R` is what `check` returns or resolves, `undefined` while the wait goes on.
 *
 * @template R
 * @param {string} what what is awaited, for the error message
 * @param {Check<R>} check
 * @param {{ stallMs?: number, intervalMs?: number }} [options]
 * @returns {Promise<Exclude<Awaited<R>, undefined>>}
 */
async function waitFor(what, check, { stallMs = 120_000, intervalMs = 250 } = {}) {
	/** @type {string | undefined} */
	let last;
	let idle = 0;
	const progress = (/** @type {unknown} */ snapshot) => {
		const seen = JSON.stringify(snapshot);
		if (seen !== last) idle = 0;
		last = seen;
	};
	for (;;) {
		const value = await check(progress);
		if (value !== undefined) return /** @type {Exclude<Awaited<R>, undefined>} */ (value);
		if (idle >= stallMs) {
			throw new Error(
				`gave up waiting for ${what}: nothing changed for ${stallMs / 1000} s of polling (last seen: ${last ?? 'nothing'})`,
			);
		}
		await sleep(intervalMs);
		idle += intervalMs;
	}
}

module.exports = { sleep, waitFor };

// (Types kept apart from the functions: a template typedef right above a function's comment
// would merge into it.)

/** @typedef {(snapshot: unknown) => void} Progress what a check saw; a change is progress */

/**
 * One check of a wait: `undefined` (or a promise of it) while the wait goes on.
 *
 * @template R
 * @callback Check
 * @param {Progress} progress
 * @returns {R}
 */
