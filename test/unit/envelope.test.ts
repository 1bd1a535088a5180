import { createHmac } from 'node:crypto';

import fc from 'fast-check';

import { handleDelivery, type DeliveryOutcome } from '../../nodes/EduzzTrigger/delivery';
import {
	MAX_JSON_DEPTH,
	parseEnvelope,
	valueNestsDeeperThan,
} from '../../nodes/EduzzTrigger/envelope';

/** At least 10,000 runs per property, in CI as locally. */
const runs = { numRuns: 10_000 };

const TOO_DEEP = `The body nests JSON deeper than ${MAX_JSON_DEPTH} levels.`;
const NOT_JSON = 'The body is not valid JSON.';
const SECRET = 'envelope-test-secret';
const EVENT = 'alpaclass.student_module_unfinished';

type Shape = 'array' | 'object' | 'mixed';

/** `depth` levels of arrays, objects or both around `inner`, as JSON text. */
function nest(depth: number, shape: Shape, inner = '1'): string {
	const opens: string[] = [];
	const closes: string[] = [];
	for (let level = 0; level < depth; level++) {
		const array = shape === 'array' || (shape === 'mixed' && level % 2 === 0);
		opens.push(array ? '[' : '{"a":');
		closes.push(array ? ']' : '}');
	}
	return opens.join('') + inner + closes.reverse().join('');
}

/** An Eduzz envelope whose `data` is `dataText` (the envelope itself is level 1). */
const envelopeWith = (dataText: string) => `{"id":"x1","event":"${EVENT}","data":${dataText}}`;

function deliver(text: string): DeliveryOutcome {
	const raw = Buffer.from(text);
	return handleDelivery(
		{
			rawBody: raw,
			headers: { 'x-signature': createHmac('sha256', SECRET).update(raw).digest('hex') },
			receivedAt: new Date(),
		},
		{
			keys: [SECRET],
			events: new Set([EVENT]),
			rejectInvalidPayloads: false,
			maxBodyBytes: 64 * 1024 * 1024,
		},
	);
}

/** Recursive reference for valueNestsDeeperThan (fine on the small values it is used with). */
function depthOf(value: unknown): number {
	if (typeof value !== 'object' || value === null) return 0;
	const children = Array.isArray(value) ? value : Object.values(value);
	return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

describe('depth limit', () => {
	it.each<Shape>(['array', 'object', 'mixed'])(
		'accepts %s nesting of exactly MAX_JSON_DEPTH levels, refuses one more',
		(shape) => {
			// The envelope object is level 1, so `data` may nest MAX_JSON_DEPTH - 1 more levels.
			const atLimit = envelopeWith(nest(MAX_JSON_DEPTH - 1, shape));
			const overLimit = envelopeWith(nest(MAX_JSON_DEPTH, shape));
			expect(parseEnvelope(Buffer.from(atLimit)).ok).toBe(true);
			expect(parseEnvelope(Buffer.from(overLimit))).toEqual({ ok: false, message: TOO_DEEP });
		},
	);

	it.each<[string, () => string]>([
		['arrays inside data', () => envelopeWith(nest(100, 'array'))],
		['objects inside data', () => envelopeWith(nest(100, 'object'))],
		['mixed inside data', () => envelopeWith(nest(100, 'mixed'))],
		['a deep array as the whole body', () => nest(100, 'array')],
		['a deep object as the whole body', () => nest(100, 'object', '{"event":"x"}')],
		[
			'deep nesting in a field after data',
			() => `{"event":"${EVENT}","data":{},"extra":${nest(200, 'mixed')}}`,
		],
		['deep nesting in a later array item', () => envelopeWith(`[1,{"b":2},${nest(80, 'array')}]`)],
		[
			'deep nesting under an own "__proto__" key',
			() => envelopeWith(`{"__proto__":${nest(80, 'object')}}`),
		],
		['100,000 levels of arrays', () => envelopeWith(nest(100_000, 'array'))],
		['100,000 levels of objects', () => envelopeWith(nest(100_000, 'object'))],
		['100,000 levels of mixed nesting', () => envelopeWith(nest(100_000, 'mixed'))],
		['1,000,000 levels of arrays', () => envelopeWith(nest(1_000_000, 'array'))],
		['1,000,000 levels of objects', () => envelopeWith(nest(1_000_000, 'object'))],
		['1,000,000 levels of mixed nesting', () => envelopeWith(nest(1_000_000, 'mixed'))],
	])('a signed body with %s gets the same 400 answer, without throwing', (_label, build) => {
		const text = build();
		expect(parseEnvelope(Buffer.from(text))).toEqual({ ok: false, message: TOO_DEEP });
		expect(deliver(text)).toEqual({
			kind: 'reject',
			status: 400,
			reason: 'bad_request',
			message: TOO_DEEP,
		});
	});

	it.each<[string, () => string]>([
		['1,000,000 unclosed brackets', () => envelopeWith('['.repeat(1_000_000))],
		['100,000 unclosed objects', () => envelopeWith('{"a":'.repeat(100_000))],
		['deep nesting followed by garbage', () => `${envelopeWith(nest(100, 'array'))} trailing`],
	])('a signed body with %s is answered 400 as not JSON, without throwing', (_label, build) => {
		const text = build();
		expect(deliver(text)).toEqual({
			kind: 'reject',
			status: 400,
			reason: 'bad_request',
			message: NOT_JSON,
		});
	});

	it('with a BOM, deep nesting is refused the same way', () => {
		const raw = Buffer.concat([
			Buffer.from([0xef, 0xbb, 0xbf]),
			Buffer.from(envelopeWith(nest(70, 'array'))),
		]);
		expect(parseEnvelope(raw)).toEqual({ ok: false, message: TOO_DEEP });
	});

	it('JSON.parse itself builds 1,000,000 levels without a RangeError (why depth is checked after parsing)', () => {
		expect(() => JSON.parse(nest(1_000_000, 'mixed'))).not.toThrow();
	});

	it('keeps the value JSON.parse keeps when a deep key is repeated (the deep copy never exists)', () => {
		// The parsed value is 2 levels deep, which is what n8n would get.
		const text = envelopeWith(`{"a":${nest(100, 'array')},"a":1}`);
		expect(parseEnvelope(Buffer.from(text))).toMatchObject({
			ok: true,
			envelope: { data: { a: 1 } },
		});
	});
});

/** Bodies near and far from the limit, valid and not, where the text nests as deep as the value. */
const depthBodies: fc.Arbitrary<string> = fc
	.record({
		depth: fc.oneof(
			fc.integer({ min: 0, max: 70 }),
			fc.integer({ min: 55, max: 75 }),
			fc.integer({ min: 60, max: 2_000 }),
		),
		shape: fc.constantFrom<Shape>('array', 'object', 'mixed'),
		inner: fc.json({ maxDepth: 3 }),
		place: fc.constantFrom('data', 'root', 'sibling'),
		damage: fc.constantFrom('none', 'none', 'truncate', 'garbage', 'unclosed'),
		cut: fc.nat(),
	})
	.map(({ depth, shape, inner, place, damage, cut }) => {
		const nested = nest(depth, shape, inner);
		let text =
			place === 'data'
				? envelopeWith(nested)
				: place === 'root'
					? nested
					: `{"event":"${EVENT}","data":{},"x":${nested}}`;
		if (damage === 'truncate') text = text.slice(0, cut % (text.length + 1));
		if (damage === 'garbage') text += ']}x';
		if (damage === 'unclosed') text = text.replace(/[\]}]+$/, '');
		return text;
	});

const anyBodies = fc.oneof(
	{ weight: 4, arbitrary: depthBodies },
	{ weight: 2, arbitrary: fc.json({ maxDepth: 8 }) },
	{ weight: 1, arbitrary: fc.string() },
	{
		weight: 1,
		arbitrary: fc
			.uint8Array({ maxLength: 300 })
			.map((bytes) => Buffer.from(bytes).toString('latin1')),
	},
);

describe('property: the depth limit', () => {
	it('refuses exactly the JSON bodies whose value nests deeper than the limit, and never throws', () => {
		let deep = 0;
		let shallow = 0;
		fc.assert(
			fc.property(anyBodies, fc.boolean(), (text, bom) => {
				const raw = Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]);
				let value: unknown;
				let json = true;
				try {
					value = JSON.parse(text);
				} catch {
					json = false;
				}
				const result = parseEnvelope(raw);
				const tooDeep = !result.ok && result.message === TOO_DEEP;
				expect(tooDeep).toBe(json && depthOf(value) > MAX_JSON_DEPTH);
				if (!json) expect(result).toEqual({ ok: false, message: NOT_JSON });
				if (tooDeep) deep++;
				else shallow++;
			}),
			runs,
		);
		expect(deep).toBeGreaterThan(1000);
		expect(shallow).toBeGreaterThan(1000);
	});

	it('valueNestsDeeperThan agrees with the depth of the value, for every limit', () => {
		fc.assert(
			fc.property(
				fc.jsonValue({ maxDepth: 8 }),
				fc.integer({ min: 0, max: 9 }),
				(value, maxDepth) => {
					expect(valueNestsDeeperThan(value, maxDepth)).toBe(depthOf(value) > maxDepth);
				},
			),
			runs,
		);
	});
});
