/*
 * `Date#toISOString()` costs about 1 µs, a tenth of what verifying and parsing a typical Eduzz
 * delivery costs, and every emitted item carries one (`delivery.receivedAt`). Deliveries arrive
 * close together, so the "YYYY-MM-DDTHH:mm:" part is kept for the current minute and only seconds
 * and milliseconds are formatted.
 */

const MINUTE_MS = 60_000;
/** 10000-01-01T00:00:00Z: from there on toISOString() writes a six-digit, signed year. */
const YEAR_10000_MS = 253_402_300_800_000;

let cachedMinute = Number.NaN;
let cachedPrefix = '';

/** Exactly `date.toISOString()` (throws the same RangeError for an invalid date). */
export function toIsoTimestamp(date: Date): string {
	const time = date.getTime();
	// Negative and far-future times (and NaN) keep toISOString()'s own format and error.
	if (!(time >= 0 && time < YEAR_10000_MS)) return date.toISOString();
	const withinMinute = time % MINUTE_MS;
	const minute = time - withinMinute;
	if (minute !== cachedMinute) {
		cachedPrefix = date.toISOString().slice(0, 17);
		cachedMinute = minute;
	}
	const seconds = Math.floor(withinMinute / 1000);
	const millis = withinMinute % 1000;
	return `${cachedPrefix}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
