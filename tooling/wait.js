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
 * @template T
 * @param {string} what what is awaited, for the error message
 * @param {(progress: (snapshot: unknown) => void) => T | undefined | Promise<T | undefined>} check
 * @param {{ stallMs?: number, intervalMs?: number }} [options]
 * @returns {Promise<T>}
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
		if (value !== undefined) return value;
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
