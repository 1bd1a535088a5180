import { createHmac } from 'node:crypto';

import fc from 'fast-check';

import { handleDelivery, type DeliveryConfig } from '../../nodes/EduzzTrigger/delivery';
import { parseEnvelope } from '../../nodes/EduzzTrigger/envelope';
import { verifySignature } from '../../nodes/EduzzTrigger/signature';

/** At least 10,000 runs per property, in CI as locally. */
const runs = { numRuns: 10_000 };

const hmacHex = (body: Uint8Array, secret: string) =>
	createHmac('sha256', secret).update(body).digest('hex');

/** Bodies of every size class: empty, small, typical, and up to 64 KB. */
const bodies = fc.oneof(
	{ weight: 6, arbitrary: fc.uint8Array({ maxLength: 600 }) },
	{ weight: 1, arbitrary: fc.uint8Array({ minLength: 10_000, maxLength: 65_536 }) },
	{ weight: 3, arbitrary: fc.json().map((text) => new TextEncoder().encode(text)) },
	{
		weight: 3,
		arbitrary: fc
			.record(
				{ id: fc.string(), event: fc.string(), sentDate: fc.string(), data: fc.jsonValue() },
				{ requiredKeys: [] },
			)
			.map((envelope) => new TextEncoder().encode(JSON.stringify(envelope))),
	},
);
const secrets = fc.string({ minLength: 1, maxLength: 80 });
const hexDigest = fc
	.uint8Array({ minLength: 32, maxLength: 32 })
	.map((bytes) => Buffer.from(bytes).toString('hex'));
const headerValues = fc.oneof(
	fc.constant(undefined),
	fc.string(),
	hexDigest,
	hexDigest.map((hex) => hex.toUpperCase()),
	fc.array(fc.oneof(fc.string(), hexDigest), { maxLength: 4 }),
);

describe('property: the signature verifier', () => {
	it('never throws, and accepts exactly when the header is the HMAC of the bytes with one of the keys', () => {
		fc.assert(
			fc.property(
				bodies,
				headerValues,
				fc.array(fc.oneof(secrets, fc.constant('')), { maxLength: 3 }),
				(body, header, keys) => {
					const raw = Buffer.from(body);
					const result = verifySignature(raw, header, keys);
					const values = (Array.isArray(header) ? header : header === undefined ? [] : [header])
						.flatMap((value) => value.split(','))
						.map((value) => value.trim().toLowerCase())
						.filter(Boolean);
					const oneValue = new Set(values).size === 1 ? values[0] : undefined;
					const shouldAccept =
						oneValue !== undefined &&
						keys.some((key) => key !== '' && hmacHex(raw, key) === oneValue);
					expect(result.valid).toBe(shouldAccept);
				},
			),
			runs,
		);
	});

	it('always accepts a valid signature, from the current or the previous key, in any letter case', () => {
		fc.assert(
			fc.property(
				bodies,
				secrets,
				secrets,
				fc.boolean(),
				fc.boolean(),
				(body, current, previous, usePrevious, upper) => {
					const raw = Buffer.from(body);
					const signature = hmacHex(raw, usePrevious ? previous : current);
					const result = verifySignature(raw, upper ? signature.toUpperCase() : signature, [
						current,
						previous,
					]);
					expect(result.valid).toBe(true);
				},
			),
			runs,
		);
	});

	it('refuses the valid signature of any other body', () => {
		fc.assert(
			fc.property(bodies, bodies, secrets, (body, other, key) => {
				fc.pre(!Buffer.from(body).equals(Buffer.from(other)));
				expect(verifySignature(Buffer.from(other), hmacHex(body, key), [key]).valid).toBe(false);
			}),
			runs,
		);
	});
});

describe('property: the envelope parser', () => {
	it('never throws on arbitrary bytes, and only accepts a JSON object with an event name', () => {
		fc.assert(
			fc.property(bodies, (body) => {
				const result = parseEnvelope(Buffer.from(body));
				if (result.ok) {
					const parsed = JSON.parse(
						Buffer.from(body)
							.toString('utf8')
							.replace(/^\ufeff/, ''),
					);
					expect(typeof parsed).toBe('object');
					expect(Array.isArray(parsed)).toBe(false);
					expect(result.envelope.event).toBe(String(parsed.event).trim());
				}
			}),
			runs,
		);
	});

	it('refuses nesting deeper than 64 levels without recursion, whatever the shape', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 65, max: 200_000 }),
				fc.constantFrom('[', '{"a":'),
				(depth, open) => {
					const close = open === '[' ? ']' : '}';
					const text = `{"event":"x","data":${open.repeat(depth)}1${close.repeat(depth)}}`;
					expect(parseEnvelope(Buffer.from(text))).toMatchObject({ ok: false });
				},
			),
			{ numRuns: 200 },
		);
	});
});

describe('property: the whole delivery pipeline', () => {
	const config = (keys: string[]): DeliveryConfig => ({
		keys,
		events: new Set(['alpaclass.student_module_unfinished']),
		rejectInvalidPayloads: false,
		maxBodyBytes: 1024 * 1024,
	});

	it('never throws, and without a valid HMAC only ever answers 401 (or 413)', () => {
		fc.assert(
			fc.property(
				bodies,
				headerValues,
				secrets,
				fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))),
				(body, signature, key, extraHeaders) => {
					const raw = Buffer.from(body);
					const outcome = handleDelivery(
						{
							rawBody: raw,
							headers: { ...extraHeaders, 'x-signature': signature },
							receivedAt: new Date(),
						},
						config([key]),
					);
					if (!verifySignature(raw, signature, [key]).valid) {
						expect(outcome).toMatchObject({ kind: 'reject', status: 401 });
					}
				},
			),
			runs,
		);
	});

	it('with a valid HMAC never answers 401, and emits an item for any selected event', () => {
		fc.assert(
			fc.property(
				bodies,
				secrets,
				fc.jsonValue(),
				fc.option(fc.string()),
				fc.boolean(),
				(body, key, data, attempt, asEnvelope) => {
					const raw = asEnvelope
						? Buffer.from(JSON.stringify({ event: 'alpaclass.student_module_unfinished', data }))
						: Buffer.from(body);
					const headers = {
						'x-signature': hmacHex(raw, key),
						'x-delivery-attempt': attempt ?? undefined,
					};
					const outcome = handleDelivery(
						{ rawBody: raw, headers, receivedAt: new Date() },
						config([key]),
					);
					expect(outcome).not.toMatchObject({ status: 401 });
					const parsed = parseEnvelope(raw);
					if (parsed.ok && parsed.envelope.event === 'alpaclass.student_module_unfinished') {
						expect(outcome.kind).toBe('emit');
					}
				},
			),
			runs,
		);
	});
});
