import fc from 'fast-check';

import { toIsoTimestamp } from '../../nodes/EduzzTrigger/isoTimestamp';

/** At least 10,000 runs per property, in CI as locally. */
const runs = { numRuns: 10_000 };

const MAX_DATE_MS = 8.64e15;

describe('toIsoTimestamp', () => {
	it('is exactly Date#toISOString() for any valid date, in any order of calls', () => {
		const times = fc.oneof(
			fc.integer({ min: -MAX_DATE_MS, max: MAX_DATE_MS }),
			// Around now and around the edges where the format or the cached minute change.
			fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
			fc.constantFrom(0, -1, 59_999, 60_000, 253_402_300_799_999, 253_402_300_800_000, -62_198_755_200_000),
		);
		fc.assert(
			fc.property(fc.array(fc.tuple(times, fc.integer({ min: -2, max: 61_000 })), { minLength: 1, maxLength: 5 }), (calls) => {
				for (const [time, step] of calls) {
					// Two calls close together: the second one usually reuses the cached minute.
					for (const t of [time, time + step]) {
						if (Math.abs(t) > MAX_DATE_MS) continue;
						const date = new Date(t);
						expect(toIsoTimestamp(date)).toBe(date.toISOString());
					}
				}
			}),
			runs,
		);
	});

	it('formats every millisecond of a minute like toISOString()', () => {
		const start = Date.UTC(2026, 10, 27, 6, 59);
		for (let t = start - 1; t <= start + 60_001; t++) {
			const date = new Date(t);
			if (toIsoTimestamp(date) !== date.toISOString()) expect(toIsoTimestamp(date)).toBe(date.toISOString());
		}
	});

	it('throws the same RangeError as toISOString() for an invalid date', () => {
		const invalid = new Date(Number.NaN);
		expect(() => invalid.toISOString()).toThrow(RangeError);
		expect(() => toIsoTimestamp(invalid)).toThrow(RangeError);
	});
});
