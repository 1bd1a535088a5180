import { z } from 'zod';

/*
 * A validator compiled once per zod schema, for the delivery hot path. Profiling the webhook showed
 * zod v3's `safeParse` as the largest cost of a typical ~500-byte event after the HMAC and
 * JSON.parse: it builds a parse context per value and copies every object it validates. Eduzz's
 * schemas only use plain types with no checks or transforms, so whether `data` matches can be
 * decided by a few closures walking the parsed JSON, and the parsed JSON itself is then what zod
 * would have returned: a deep-equal copy (zod's copy lists the schema's keys first, the parsed
 * JSON keeps the order Eduzz sent).
 *
 * The compiler covers exactly the zod types those schemas are built from and reports anything else
 * as unsupported (`undefined`), in which case the caller keeps using zod. When a value does not
 * match, the caller runs zod too, so the issue messages stay zod's.
 *
 * Input domain: values produced by JSON.parse (plain objects, arrays, strings, finite numbers,
 * booleans, null), plus `undefined` for a missing value.
 */

/**
 * - `valid`: zod accepts the value and its output is a deep-equal copy of it.
 * - `invalid`: zod rejects the value.
 * - `undecided`: zod accepts it but its output differs (an object with an own `__proto__` key,
 *   which zod drops); the caller must run zod to get that output.
 */
export type Verdict = 'valid' | 'invalid' | 'undecided';

export type FastCheck = (value: unknown) => Verdict;

const VALID: Verdict = 'valid';
const INVALID: Verdict = 'invalid';
const UNDECIDED: Verdict = 'undecided';

const hasOwn = Object.prototype.hasOwnProperty;

/** Compiled checks per schema; `null` = unsupported, so it is not compiled again. */
const compiled = new WeakMap<z.ZodTypeAny, FastCheck | null>();

/**
 * The compiled check of `schema`, built on first use and cached; `undefined` when the schema uses
 * anything the compiler does not support (then validate with zod).
 */
export function fastCheckFor(schema: z.ZodTypeAny): FastCheck | undefined {
	const cached = compiled.get(schema);
	if (cached !== undefined) return cached ?? undefined;
	const check = compile(schema);
	compiled.set(schema, check ?? null);
	return check;
}

/** Only zod's own classes are trusted: a subclass may override how it parses. */
function isExactly<T extends z.ZodTypeAny>(
	schema: z.ZodTypeAny,
	type: abstract new (...args: never[]) => T,
): schema is T {
	return Object.getPrototypeOf(schema) === type.prototype;
}

const acceptAll: FastCheck = () => VALID;
const isString: FastCheck = (value) => (typeof value === 'string' ? VALID : INVALID);
// zod's number type refuses NaN; JSON cannot produce it, but the check stays exact.
const isNumber: FastCheck = (value) =>
	typeof value === 'number' && !Number.isNaN(value) ? VALID : INVALID;
const isBoolean: FastCheck = (value) => (typeof value === 'boolean' ? VALID : INVALID);
const isNull: FastCheck = (value) => (value === null ? VALID : INVALID);

function compile(schema: z.ZodTypeAny): FastCheck | undefined {
	// Checks (min, email, trim, ...) and coercion change what is accepted or returned: leave them to zod.
	if (isExactly(schema, z.ZodString)) {
		return schema._def.checks.length === 0 && !schema._def.coerce ? isString : undefined;
	}
	if (isExactly(schema, z.ZodNumber)) {
		return schema._def.checks.length === 0 && !schema._def.coerce ? isNumber : undefined;
	}
	if (isExactly(schema, z.ZodBoolean)) return schema._def.coerce ? undefined : isBoolean;
	if (isExactly(schema, z.ZodNull)) return isNull;
	if (isExactly(schema, z.ZodAny) || isExactly(schema, z.ZodUnknown)) return acceptAll;
	if (isExactly(schema, z.ZodLiteral)) {
		const expected: unknown = schema._def.value;
		return (value) => (value === expected ? VALID : INVALID);
	}
	if (isExactly(schema, z.ZodEnum)) {
		const values = new Set<unknown>(schema._def.values as readonly string[]);
		return (value) => (typeof value === 'string' && values.has(value) ? VALID : INVALID);
	}
	if (isExactly(schema, z.ZodOptional)) {
		const inner = fastCheckFor(schema._def.innerType as z.ZodTypeAny);
		return inner && ((value) => (value === undefined ? VALID : inner(value)));
	}
	if (isExactly(schema, z.ZodNullable)) {
		const inner = fastCheckFor(schema._def.innerType as z.ZodTypeAny);
		return inner && ((value) => (value === null ? VALID : inner(value)));
	}
	if (isExactly(schema, z.ZodArray)) return compileArray(schema);
	if (isExactly(schema, z.ZodUnion)) return compileUnion(schema);
	if (isExactly(schema, z.ZodObject)) return compileObject(schema);
	// Effects (refine, transform, preprocess), default, catch, pipe, lazy, records, tuples, ...
	return undefined;
}

function compileArray(schema: z.ZodArray<z.ZodTypeAny>): FastCheck | undefined {
	const { exactLength, minLength, maxLength } = schema._def;
	if (exactLength !== null || minLength !== null || maxLength !== null) return undefined;
	const element = fastCheckFor(schema._def.type);
	if (!element) return undefined;
	return (value) => {
		if (!Array.isArray(value)) return INVALID;
		let verdict = VALID;
		for (let i = 0; i < value.length; i++) {
			const item = element(value[i]);
			if (item === INVALID) return INVALID;
			if (item === UNDECIDED) verdict = UNDECIDED; // a later item may still be invalid
		}
		return verdict;
	};
}

function compileUnion(schema: z.ZodUnion<z.ZodUnionOptions>): FastCheck | undefined {
	const options: FastCheck[] = [];
	for (const option of schema._def.options) {
		const check = fastCheckFor(option);
		if (!check) return undefined;
		options.push(check);
	}
	// zod returns the output of the first option that accepts.
	return (value) => {
		for (let i = 0; i < options.length; i++) {
			const verdict = options[i](value);
			if (verdict !== INVALID) return verdict;
		}
		return INVALID;
	};
}

function compileObject(schema: z.AnyZodObject): FastCheck | undefined {
	// Only `.passthrough()` objects return what they receive; strip and strict drop or refuse keys.
	if (schema._def.unknownKeys !== 'passthrough' || !isExactly(schema._def.catchall, z.ZodNever)) {
		return undefined;
	}
	const shape = schema.shape as z.ZodRawShape;
	const keys = Object.keys(shape);
	const checks: FastCheck[] = [];
	for (const key of keys) {
		// zod reads fields with `in` and `[]`, so a missing `constructor` or `toString` would be
		// found on Object.prototype; such schemas are left to zod.
		if (key in Object.prototype) return undefined;
		const check = fastCheckFor(shape[key]);
		if (!check) return undefined;
		checks.push(check);
	}
	return (value) => {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return INVALID;
		const record = value as Record<string, unknown>;
		let verdict = VALID;
		for (let i = 0; i < keys.length; i++) {
			const field = checks[i](record[keys[i]]);
			if (field === INVALID) return INVALID;
			if (field === UNDECIDED) verdict = UNDECIDED; // a later field may still be invalid
		}
		// zod leaves an own "__proto__" key out of the object it returns.
		return verdict === VALID && hasOwn.call(record, '__proto__') ? UNDECIDED : verdict;
	};
}
