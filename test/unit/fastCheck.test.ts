import { createHmac } from 'node:crypto';

import fc from 'fast-check';
import { z } from 'zod';

import { handleDelivery, type DeliveryConfig } from '../../nodes/EduzzTrigger/delivery';
import { formatIssues } from '../../nodes/EduzzTrigger/envelope';
import { EVENTS, EVENTS_BY_NAME, PRODUCTS, type EventDefinition } from '../../nodes/EduzzTrigger/events';
import * as fastCheckModule from '../../nodes/EduzzTrigger/events/fastCheck';
import { fastCheckFor, type FastCheck } from '../../nodes/EduzzTrigger/events/fastCheck';
import { fieldAt, unwrap, type Path } from '../support/zodPaths';

interface EduzzExample {
	name: string;
	envelope: { id?: string; event: string; sentDate?: string; data: Record<string, unknown> };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadEduzzExamples } = require('../support/eduzzOpenapi') as {
	loadEduzzExamples: () => EduzzExample[];
};

/** At least 10,000 runs per property, in CI as locally. */
const runs = { numRuns: 10_000 };


const examples = loadEduzzExamples();
const exampleByName = new Map(examples.map((example) => [example.name, example]));
const eventCases = EVENTS.map((event) => [event.name, event] as const);

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` survives JSON.stringify/JSON.parse unchanged (no `undefined`, NaN, ...). */
function isJsonValue(value: unknown): boolean {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	if (Array.isArray(value)) return value.every(isJsonValue);
	return isPlainObject(value) && Object.values(value).every(isJsonValue);
}

/** Deep equality of JSON values, in any key order (expect() is too slow for the property loops). */
function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
	if (!isPlainObject(a) || !isPlainObject(b)) return false;
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameJson(a[key], b[key]));
}

function hasOwnProtoKey(value: unknown): boolean {
	if (Array.isArray(value)) return value.some(hasOwnProtoKey);
	if (!isPlainObject(value)) return false;
	return Object.prototype.hasOwnProperty.call(value, '__proto__') || Object.values(value).some(hasOwnProtoKey);
}

function checkOf(schema: z.ZodTypeAny): FastCheck {
	const check = fastCheckFor(schema);
	if (!check) throw new Error('the schema is not supported by the fast check');
	return check;
}

function exampleData(name: string): Record<string, unknown> {
	const example = exampleByName.get(name);
	if (!example) throw new Error(`No Eduzz example for ${name}`);
	return example.envelope.data;
}

/** The object schema at `path` of `schema` (array indexes step into the element), if any. */
function objectSchemaAt(schema: z.ZodTypeAny, path: Path): z.AnyZodObject | undefined {
	const field = fieldAt(schema, path);
	const inner = field && unwrap(field);
	return inner instanceof z.ZodObject ? inner : undefined;
}

/**
 * Every place a mutation can hit: each node of the example (the root included), plus each field the
 * schema declares under an object of the example but the example leaves out (optional fields).
 */
function mutationTargets(schema: z.ZodTypeAny, data: unknown): Path[] {
	const paths: Path[] = [];
	const visit = (value: unknown, path: Path) => {
		paths.push(path);
		if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
		else if (isPlainObject(value)) {
			for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
			const declared = objectSchemaAt(schema, path);
			if (declared) {
				for (const key of Object.keys(declared.shape as z.ZodRawShape)) {
					if (!(key in value)) paths.push([...path, key]);
				}
			}
		}
	};
	visit(data, []);
	return paths;
}

/** A copy of `root` with `change` applied to the node at `path` (copies only along the path). */
function updateAt(root: unknown, path: Path, change: (node: unknown, parent: Record<string | number, unknown>, key: string | number) => void): unknown {
	if (path.length === 0) {
		const holder: Record<string, unknown> = { root };
		change(root, holder, 'root');
		return holder.root;
	}
	const copy = (value: unknown): Record<string | number, unknown> =>
		(Array.isArray(value) ? [...value] : isPlainObject(value) ? { ...value } : {}) as Record<string | number, unknown>;
	const top = copy(root);
	let parent = top;
	for (const segment of path.slice(0, -1)) {
		const child = copy(parent[segment]);
		parent[segment] = child;
		parent = child;
	}
	const last = path[path.length - 1];
	change(parent[last], parent, last);
	return top;
}

/** Values a field may be set to: every JSON type, empty and not, plus `undefined` and NaN. */
const replacements = fc.oneof(
	fc.constantFrom<unknown>(null, 0, -1.5, 12345, '', 'text', true, false, [], {}, ['a', 1], { x: 1 }, undefined, Number.NaN),
	fc.jsonValue({ maxDepth: 2 }),
);

type Mutation =
	| { kind: 'delete'; at: number }
	| { kind: 'set'; at: number; value: unknown }
	| { kind: 'addKey'; at: number; key: string; value: unknown }
	| { kind: 'wrapInArray' | 'wrapInObject' | 'firstItem'; at: number }
	| { kind: 'copyFrom'; at: number; from: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
	fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: replacements }),
	fc.record({
		kind: fc.constant('addKey' as const),
		at: fc.nat(),
		key: fc.oneof(fc.constantFrom('unknownExtra', 'id', 'name', 'email', 'constructor', 'toString'), fc.string()),
		// Not `undefined`: JSON has none, and zod leaves an extra key holding it out of its copy.
		value: fc.jsonValue({ maxDepth: 2 }),
	}),
	fc.record({ kind: fc.constantFrom('wrapInArray' as const, 'wrapInObject' as const, 'firstItem' as const), at: fc.nat() }),
	fc.record({ kind: fc.constant('copyFrom' as const), at: fc.nat(), from: fc.nat() }),
);

function valueAt(root: unknown, path: Path): unknown {
	let node = root;
	for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
	return node;
}

function applyMutation(data: unknown, targets: Path[], m: Mutation): unknown {
	const path = targets[m.at % targets.length];
	switch (m.kind) {
		case 'delete':
			return updateAt(data, path, (_node, parent, key) => {
				if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
				else delete parent[key];
			});
		case 'set':
			return updateAt(data, path, (_node, parent, key) => (parent[key] = m.value));
		case 'addKey':
			return updateAt(data, path, (node, parent, key) => {
				if (isPlainObject(node)) parent[key] = { ...node, [m.key]: m.value };
				else parent[key] = { [m.key]: m.value };
			});
		case 'wrapInArray':
			return updateAt(data, path, (node, parent, key) => (parent[key] = [node]));
		case 'wrapInObject':
			return updateAt(data, path, (node, parent, key) => (parent[key] = { value: node }));
		case 'firstItem':
			return updateAt(data, path, (node, parent, key) => {
				parent[key] = Array.isArray(node) ? node[0] : isPlainObject(node) ? Object.values(node)[0] : node;
			});
		case 'copyFrom': {
			const source = valueAt(data, targets[m.from % targets.length]);
			return updateAt(data, path, (_node, parent, key) => (parent[key] = source));
		}
	}
}

describe('fast check: coverage of the Eduzz schemas', () => {
	it('compiles every one of the 63 event schemas (none falls back to zod)', () => {
		expect(EVENTS).toHaveLength(63);
		const unsupported = EVENTS.filter((event) => fastCheckFor(event.schema) === undefined).map((event) => event.name);
		expect(unsupported).toEqual([]);
	});

	it('compiles each schema once (cached per schema object)', () => {
		const [first] = EVENTS;
		expect(fastCheckFor(first.schema)).toBe(fastCheckFor(first.schema));
	});
});

describe('fast check: agrees with zod on the Eduzz examples', () => {
	it.each(eventCases)('%s: the example, and the example with unknown keys everywhere, are valid', (name, event) => {
		const check = checkOf(event.schema);
		const data = exampleData(name);
		const withExtras = JSON.parse(JSON.stringify(data), (_key, value: unknown) =>
			isPlainObject(value) ? { ...value, unknownExtra: { kept: true, list: [1, 'two'] } } : value,
		) as unknown;
		for (const value of [data, withExtras]) {
			expect(event.schema.safeParse(value).success).toBe(true);
			expect(check(value)).toBe('valid');
			// The fast path keeps the parsed JSON: it must be what zod returns.
			expect(event.schema.parse(value)).toStrictEqual(value);
		}
	});

	// One property per product, each event of it picked at random in every run: 63 properties of 10,000
	// runs took about two minutes (zod's refusals are slow under jest), 6 of them take seconds.
	it.each(PRODUCTS.map((product) => [product] as const))(
		'%s: agrees with safeParse on 10,000 mutations of its events\' examples',
		(product) => {
			const cases = EVENTS.filter((event) => event.product === product).map((event) => {
				const data = exampleData(event.name);
				return { event, check: checkOf(event.schema), data, targets: mutationTargets(event.schema, data), valid: 0, invalid: 0 };
			});
			fc.assert(
				fc.property(fc.nat(cases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (index, mutations) => {
					const testCase = cases[index];
					const mutated = mutations.reduce<unknown>((value, m) => applyMutation(value, testCase.targets, m), testCase.data);
					const result = testCase.event.schema.safeParse(mutated);
					const verdict = testCase.check(mutated);
					// Plain comparisons in the loop (expect() is slow at this volume); fast-check reports the input.
					if (verdict === 'undecided') {
						// Only an own "__proto__" key (fast-check generates some) may leave it undecided.
						if (result.success && hasOwnProtoKey(mutated)) return;
						throw new Error(`${testCase.event.name}: undecided without a "__proto__" key`);
					}
					if (verdict !== (result.success ? 'valid' : 'invalid')) {
						throw new Error(`${testCase.event.name}: fast check said ${verdict}, zod said ${result.success ? 'valid' : 'invalid'}`);
					}
					if (result.success) {
						testCase.valid++;
						// zod leaves out extra keys holding `undefined`; JSON has no `undefined`, so compare JSON values.
						if (isJsonValue(mutated) && !sameJson(result.data, mutated)) {
							throw new Error(`${testCase.event.name}: zod returned something else than the accepted value`);
						}
					} else testCase.invalid++;
				}),
				runs,
			);
			// Every event must have been mutated both ways, or the property proves little for it.
			const weak = cases.filter((c) => c.valid < 10 || c.invalid < 10).map((c) => `${c.event.name} ${c.valid}/${c.invalid}`);
			expect(weak).toEqual([]);
		},
	);
});

/** A random schema built only from the zod types the fast check supports. */
interface SchemaCase {
	schema: z.ZodTypeAny;
	/** Values the schema should mostly accept, to exercise the accepting side too. */
	sample: fc.Arbitrary<unknown>;
}

const keyNames = fc.constantFrom('a', 'b', 'id', 'name', 'list', 'value');

const schemaCases: fc.Arbitrary<SchemaCase> = fc.letrec<{ node: SchemaCase }>((tie) => ({
	node: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.constant<SchemaCase>({ schema: z.string(), sample: fc.string() }),
		fc.constant<SchemaCase>({ schema: z.number(), sample: fc.double({ noNaN: true }) }),
		fc.constant<SchemaCase>({ schema: z.boolean(), sample: fc.boolean() }),
		fc.constant<SchemaCase>({ schema: z.null(), sample: fc.constant(null) }),
		fc.constant<SchemaCase>({ schema: z.any(), sample: fc.jsonValue({ maxDepth: 1 }) }),
		fc.constant<SchemaCase>({ schema: z.unknown(), sample: fc.jsonValue({ maxDepth: 1 }) }),
		fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null)).map((value) => ({
			schema: z.literal(value),
			sample: fc.constantFrom<unknown>(value, 0, 'a', null),
		})),
		fc.uniqueArray(fc.string({ maxLength: 2 }), { minLength: 1, maxLength: 3 }).map((values) => ({
			schema: z.enum(values as [string, ...string[]]),
			sample: fc.constantFrom<unknown>(...values, 'zz', 1),
		})),
		tie('node').map((inner) => ({ schema: inner.schema.optional(), sample: fc.option(inner.sample, { nil: undefined }) })),
		tie('node').map((inner) => ({ schema: inner.schema.nullable(), sample: fc.option(inner.sample, { nil: null }) })),
		tie('node').map((inner) => ({ schema: z.array(inner.schema), sample: fc.array(inner.sample, { maxLength: 3 }) })),
		fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((options) => ({
			schema: z.union(options.map((option) => option.schema) as [z.ZodTypeAny, z.ZodTypeAny, ...z.ZodTypeAny[]]),
			sample: fc.oneof(...options.map((option) => option.sample)),
		})),
		fc.dictionary(keyNames, tie('node'), { maxKeys: 3 }).map((fields) => ({
			schema: z.object(Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.schema]))).passthrough(),
			sample: fc
				.tuple(
					fc.record(Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.sample]))),
					fc.dictionary(fc.constantFrom('extra', 'a', 'other'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
				)
				.map(([known, extra]) => ({ ...extra, ...known })),
		})),
	),
})).node;

describe('fast check: agrees with zod on random schemas of the supported types', () => {
	it('accepts exactly what safeParse accepts, and then returns what zod returns', () => {
		let valid = 0;
		let invalid = 0;
		fc.assert(
			fc.property(
				schemaCases.chain((node) => fc.tuple(fc.constant(node.schema), fc.oneof(node.sample, fc.jsonValue({ maxDepth: 3 })))),
				([schema, value]) => {
					const verdict = checkOf(schema)(value);
					const result = schema.safeParse(value);
					if (verdict === 'undecided') {
						// Only an own "__proto__" key (fast-check generates some) leaves it undecided.
						expect(result.success).toBe(true);
						expect(hasOwnProtoKey(value)).toBe(true);
						return;
					}
					expect(verdict).toBe(result.success ? 'valid' : 'invalid');
					if (result.success) {
						valid++;
						expect(result.data).toStrictEqual(value);
					} else invalid++;
				},
			),
			runs,
		);
		expect(valid).toBeGreaterThan(1000);
		expect(invalid).toBeGreaterThan(1000);
	});

	it('is exact where zod is particular: NaN, -0, literals, missing optional keys', () => {
		expect(checkOf(z.number())(Number.NaN)).toBe('invalid');
		expect(checkOf(z.number())(-0)).toBe('valid');
		expect(checkOf(z.number())(Infinity)).toBe('valid');
		expect(checkOf(z.literal(0))(-0)).toBe('valid');
		expect(checkOf(z.literal('a'))('b')).toBe('invalid');
		expect(checkOf(z.object({ a: z.string().optional() }).passthrough())({})).toBe('valid');
		expect(checkOf(z.object({ a: z.string() }).passthrough())({})).toBe('invalid');
		expect(checkOf(z.object({ a: z.string() }).passthrough())([])).toBe('invalid');
		expect(checkOf(z.array(z.string()))({ 0: 'a', length: 1 })).toBe('invalid');
	});

	it('leaves an object with an own "__proto__" key to zod, which drops that key', () => {
		const schema = z.object({ a: z.string() }).passthrough();
		const value = JSON.parse('{"a":"x","__proto__":{"polluted":true}}') as unknown;
		expect(checkOf(schema)(value)).toBe('undecided');
		expect(Object.prototype.hasOwnProperty.call(schema.parse(value), '__proto__')).toBe(false);
		// In a union, zod may pick that object: the union cannot decide either.
		expect(checkOf(z.union([schema, z.any()]))(value)).toBe('undecided');
		expect(checkOf(z.union([z.string(), schema]))(value)).toBe('undecided');
		expect(checkOf(z.array(schema))([value])).toBe('undecided');
		// Undecided only when zod accepts: anything refused elsewhere still refuses.
		expect(checkOf(schema)(JSON.parse('{"a":1,"__proto__":{}}'))).toBe('invalid');
		expect(checkOf(z.array(schema))([value, { a: 1 }])).toBe('invalid');
		const outer = z.object({ first: schema, second: z.string() }).passthrough();
		expect(checkOf(outer)({ first: value, second: 2 })).toBe('invalid');
		expect(checkOf(outer)({ first: value, second: 'ok' })).toBe('undecided');
	});
});

describe('fast check: anything else is unsupported and left to zod', () => {
	const passthrough = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough();
	class CustomString extends z.ZodString {}

	it.each<[string, z.ZodTypeAny]>([
		['a refinement', z.string().refine((value) => value.length > 0)],
		['a superRefine', passthrough({ a: z.string() }).superRefine(() => undefined)],
		['a transform', z.string().transform((value) => value.trim())],
		['a preprocess', z.preprocess((value) => value, z.string())],
		['a strict object', z.object({ a: z.string() }).strict()],
		['a stripping object (zod default)', z.object({ a: z.string() })],
		['a catchall object', z.object({ a: z.string() }).catchall(z.string())],
		['a coerced string', z.coerce.string()],
		['a coerced number', z.coerce.number()],
		['a coerced boolean', z.coerce.boolean()],
		['a string check', z.string().min(1)],
		['a string format', z.string().email()],
		['a trimming string', z.string().trim()],
		['a number check', z.number().int()],
		['an array length', z.array(z.string()).min(1)],
		['an exact array length', z.array(z.string()).length(2)],
		['a default', z.string().default('x')],
		['a catch', z.string().catch('x')],
		['a pipe', z.string().pipe(z.string())],
		['a brand', z.string().brand('Id')],
		['a readonly', passthrough({ a: z.string() }).readonly()],
		['a lazy schema', z.lazy(() => z.string())],
		['a record', z.record(z.string())],
		['a tuple', z.tuple([z.string()])],
		['an intersection', z.intersection(passthrough({ a: z.string() }), passthrough({ b: z.string() }))],
		['a discriminated union', z.discriminatedUnion('t', [passthrough({ t: z.literal('a') })])],
		['a native enum', z.nativeEnum({ A: 'a' })],
		['a date', z.date()],
		['a subclass of a supported type', new CustomString({ checks: [], typeName: z.ZodFirstPartyTypeKind.ZodString, coerce: false })],
		['a field named like an Object.prototype member', passthrough({ constructor: z.any() })],
		['an unsupported field deep inside', passthrough({ a: passthrough({ b: z.array(z.string().min(1)) }) })],
		['an unsupported union option', z.union([z.string(), z.number().int()])],
		['an unsupported optional', z.string().email().optional()],
		['an unsupported nullable', z.string().uuid().nullable()],
	])('%s', (_label, schema) => {
		expect(fastCheckFor(schema)).toBeUndefined();
		// Cached as unsupported too.
		expect(fastCheckFor(schema)).toBeUndefined();
	});
});

describe('fast check in handleDelivery()', () => {
	const SECRET = 'fast-check-secret';
	const sign = (raw: Buffer) => createHmac('sha256', SECRET).update(raw).digest('hex');
	const receivedAt = new Date('2024-06-12T12:00:11.123Z');

	function deliver(definition: EventDefinition, data: unknown, rejectInvalidPayloads = false) {
		const raw = Buffer.from(JSON.stringify({ id: 'evt-1', event: definition.name, sentDate: '2024-06-12T12:00:10.000Z', data }));
		const config: DeliveryConfig = {
			secrets: [SECRET],
			events: new Set([definition.name]),
			rejectInvalidPayloads,
			maxBodyBytes: 1024 * 1024,
		};
		const headers = { 'x-signature': sign(raw), 'x-subscription': 'sub:x', 'x-delivery-attempt': '2' };
		return { outcome: handleDelivery({ rawBody: raw, headers, receivedAt }, config), raw };
	}

	/** The item handleDelivery() built before the fast check: zod's output or its issues. */
	function itemWithZod(definition: EventDefinition, raw: Buffer) {
		const data = (JSON.parse(raw.toString('utf8')) as { data: unknown }).data;
		const result = definition.schema.safeParse(data);
		return {
			id: 'evt-1',
			event: definition.name,
			sentDate: '2024-06-12T12:00:10.000Z',
			data: result.success ? result.data : data,
			delivery: {
				subscriptionId: 'sub',
				attempt: 2,
				receivedAt: '2024-06-12T12:00:11.123Z',
				schemaValid: result.success,
				...(result.success ? {} : { schemaIssues: formatIssues(result.error.issues) }),
			},
		};
	}

	afterEach(() => jest.restoreAllMocks());

	it.each(eventCases)('%s: emits the same item as zod, without running zod', (name, definition) => {
		const safeParse = jest.spyOn(definition.schema, 'safeParse');
		const { outcome, raw } = deliver(definition, exampleData(name));
		expect(safeParse).not.toHaveBeenCalled();
		safeParse.mockRestore();
		expect(outcome).toEqual({ kind: 'emit', item: itemWithZod(definition, raw) });
	});

	it.each(eventCases)('%s: an invalid payload still gets zod\'s issues, emitted or refused', (name, definition) => {
		const data = { ...exampleData(name), unknownExtra: 1 };
		// The first field of the example that refuses an array (any string, number, object field).
		const key = Object.keys(data).find((field) => !definition.schema.safeParse({ ...data, [field]: [] }).success);
		expect(key).toBeDefined();
		const broken = { ...data, [key as string]: [] };
		const safeParse = jest.spyOn(definition.schema, 'safeParse');
		const { outcome, raw } = deliver(definition, broken);
		expect(safeParse).toHaveBeenCalledTimes(1);
		const expected = itemWithZod(definition, raw);
		expect(expected.delivery.schemaValid).toBe(false);
		expect(outcome).toEqual({ kind: 'emit', item: expected });

		const refused = deliver(definition, broken, true).outcome;
		expect(refused).toEqual({
			kind: 'reject',
			status: 400,
			reason: 'invalid_payload',
			message: `The ${name} payload does not match its schema: ${expected.delivery.schemaIssues?.join('; ')}`,
		});
	});

	it('emits zod\'s copy when the payload has an own "__proto__" key', () => {
		const definition = EVENTS_BY_NAME.get('alpaclass.student_module_unfinished') as EventDefinition;
		const text = JSON.stringify({ event: definition.name, data: exampleData(definition.name) }).replace(
			'"data":{',
			'"data":{"__proto__":{"isAdmin":true},',
		);
		const raw = Buffer.from(text);
		const outcome = handleDelivery(
			{ rawBody: raw, headers: { 'x-signature': sign(raw) }, receivedAt },
			{ secrets: [SECRET], events: new Set([definition.name]), rejectInvalidPayloads: false, maxBodyBytes: 1 << 20 },
		);
		expect(outcome.kind).toBe('emit');
		if (outcome.kind !== 'emit') return;
		expect(Object.prototype.hasOwnProperty.call(outcome.item.data, '__proto__')).toBe(false);
		expect(outcome.item.data).toStrictEqual(definition.schema.parse(JSON.parse(text).data));
	});

	it('falls back to zod, with the same item, when a schema is not supported', () => {
		const definition = EVENTS_BY_NAME.get('alpaclass.student_module_unfinished') as EventDefinition;
		jest.spyOn(fastCheckModule, 'fastCheckFor').mockReturnValue(undefined);
		const safeParse = jest.spyOn(definition.schema, 'safeParse');
		const { outcome, raw } = deliver(definition, exampleData(definition.name));
		expect(safeParse).toHaveBeenCalledTimes(1);
		expect(outcome).toEqual({ kind: 'emit', item: itemWithZod(definition, raw) });
	});
});
