import { z } from 'zod/v3';

import {
	EVENTS,
	EVENTS_BY_NAME,
	PRODUCTS,
	findEvent,
	type EventDefinition,
} from '../../nodes/shared/events';
import { fieldAt, unwrap, type Path } from '../support/zodPaths';

import examples from '../fixtures/eduzz-events.json';

const exampleCases = examples.map((example) => [example.name, example] as const);
const eventCases = EVENTS.map((event) => [event.name, event] as const);

function definitionOf(name: string): EventDefinition {
	const definition = EVENTS_BY_NAME.get(name);
	if (!definition) throw new Error(`No definition for ${name}`);
	return definition;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls `visit` for every node below the root, depth first, with its path. */
function walk(value: unknown, visit: (path: Path, node: unknown) => void, path: Path = []): void {
	if (path.length > 0) visit(path, value);
	if (Array.isArray(value)) value.forEach((item, index) => walk(item, visit, [...path, index]));
	else if (isPlainObject(value)) {
		for (const [key, item] of Object.entries(value)) walk(item, visit, [...path, key]);
	}
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** Returns a copy of `root` where the node at `path` is replaced (or deleted when `value` is omitted). */
function changeAt(root: unknown, path: Path, ...value: [unknown?]): unknown {
	const copy = clone(root);
	let parent = copy as Record<string | number, unknown>;
	for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string, unknown>;
	const last = path[path.length - 1];
	if (value.length === 0) delete parent[last];
	else parent[last] = value[0];
	return copy;
}

/** Readable `path: message` lines of a failed parse (empty when it passes). */
function issuesOf(schema: z.ZodTypeAny, data: unknown): string[] {
	const result = schema.safeParse(data);
	return result.success
		? []
		: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** Ids may legitimately be strings or numbers, so type swaps are not tested on them. */
function isIdLike(path: Path): boolean {
	const key = [...path].reverse().find((segment) => typeof segment === 'string');
	return key !== undefined && (key === 'id' || key.endsWith('Id'));
}

interface BrokenVariant {
	label: string;
	data: unknown;
	expected: string;
}

/** Wrong-type variants of an example: objects/arrays → string, strings/null → number, etc. */
function wrongTypeVariants(data: unknown): BrokenVariant[] {
	const variants: BrokenVariant[] = [];
	walk(data, (path, node) => {
		const at = path.join('.');
		const add = (replacement: unknown, received: string, expected: string) =>
			variants.push({
				label: `${at} (${received} instead of ${expected})`,
				data: changeAt(data, path, replacement),
				expected: `${at}: Expected ${expected}, received ${received}`,
			});
		if (isPlainObject(node)) add('broken', 'string', 'object');
		else if (Array.isArray(node)) add('broken', 'string', 'array');
		else if (isIdLike(path)) return;
		else if (typeof node === 'string' || node === null) add(12345, 'number', 'string');
		else if (typeof node === 'number') add('broken', 'string', 'number');
		else if (typeof node === 'boolean') add('broken', 'string', 'boolean');
	});
	return variants;
}

/** Adds an unknown key to every object of `data` (including the root and array items). */
function withExtraFields(data: unknown): unknown {
	if (Array.isArray(data)) return data.map(withExtraFields);
	if (!isPlainObject(data)) return data;
	const copy: Record<string, unknown> = { unknownExtra: { kept: true, list: [1, 'two'] } };
	for (const [key, value] of Object.entries(data)) copy[key] = withExtraFields(value);
	return copy;
}

/** Object fields of a schema without a `.describe()` text. */
function undescribedFields(schema: z.ZodTypeAny, path: Path = []): string[] {
	const inner = unwrap(schema);
	if (inner instanceof z.ZodArray) return undescribedFields(inner.element as z.ZodTypeAny, path);
	if (!(inner instanceof z.ZodObject)) return [];
	const missing: string[] = [];
	for (const [key, field] of Object.entries(inner.shape as z.ZodRawShape)) {
		if (!field.description?.trim()) missing.push([...path, key].join('.'));
		missing.push(...undescribedFields(field, [...path, key]));
	}
	return missing;
}

/** Objects (at any depth) of a schema that would strip unknown keys. */
function nonPassthroughObjects(schema: z.ZodTypeAny, path: Path = []): string[] {
	const inner = unwrap(schema);
	if (inner instanceof z.ZodArray)
		return nonPassthroughObjects(inner.element as z.ZodTypeAny, path);
	if (inner instanceof z.ZodUnion) {
		return (inner.options as z.ZodTypeAny[]).flatMap((option) =>
			nonPassthroughObjects(option, path),
		);
	}
	if (!(inner instanceof z.ZodObject)) return [];
	// With every field optional, an object that keeps unknown keys returns the probe key.
	const probe = inner.partial().safeParse({ unknownProbe: true });
	const keeps = probe.success && (probe.data as Record<string, unknown>).unknownProbe === true;
	const found = keeps ? [] : [path.join('.') || '(root)'];
	for (const [key, field] of Object.entries(inner.shape as z.ZodRawShape)) {
		found.push(...nonPassthroughObjects(field, [...path, key]));
	}
	return found;
}

describe('Eduzz event catalogue', () => {
	it('has exactly the 63 events of Eduzz, without duplicates', () => {
		const names = EVENTS.map((event) => event.name);
		expect(names).toHaveLength(63);
		expect(new Set(names).size).toBe(63);
		expect(EVENTS_BY_NAME.size).toBe(63);
		expect([...names].sort()).toEqual(examples.map((example) => example.name).sort());
	});

	it('groups events by product in PRODUCTS order, AlpaClass first with its 13 events', () => {
		const order = EVENTS.map((event) => PRODUCTS.indexOf(event.product));
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(EVENTS[0].product).toBe('alpaclass');
		expect(EVENTS.filter((event) => event.product === 'alpaclass')).toHaveLength(13);
		expect(EVENTS.slice(0, 13).every((event) => event.product === 'alpaclass')).toBe(true);
		expect(new Set(EVENTS.map((event) => event.product))).toEqual(new Set(PRODUCTS));
	});

	it.each(eventCases)('%s is named after its product', (name, event) => {
		expect(name.startsWith(`${event.product}.`)).toBe(true);
	});
});

describe('schemas against Eduzz examples', () => {
	it.each(exampleCases)('%s: the Eduzz example data passes', (name, example) => {
		const { schema } = definitionOf(name);
		expect(issuesOf(schema, example.envelope.data)).toEqual([]);
	});

	it.each(exampleCases)('%s: every field of the example is declared', (name, example) => {
		const { schema } = definitionOf(name);
		const undeclared: string[] = [];
		walk(example.envelope.data, (path) => {
			if (!fieldAt(schema, path)) undeclared.push(path.join('.'));
		});
		expect(undeclared).toEqual([]);
	});

	it.each(exampleCases)('%s: wrong types are rejected, naming the field', (name, example) => {
		const { schema } = definitionOf(name);
		const variants = wrongTypeVariants(example.envelope.data);
		expect(variants.length).toBeGreaterThan(0);
		const misses = variants
			.map((variant) => ({ variant, issues: issuesOf(schema, variant.data) }))
			.filter(({ variant, issues }) => !issues.includes(variant.expected))
			.map(({ variant, issues }) => `${variant.label} → ${issues.join(' | ') || 'accepted'}`);
		expect(misses).toEqual([]);
	});

	it.each(exampleCases)('%s: missing required fields are reported', (name, example) => {
		const { schema } = definitionOf(name);
		const data = example.envelope.data;
		const problems: string[] = [];
		let required = 0;
		walk(data, (path) => {
			if (typeof path[path.length - 1] === 'number') return;
			const field = fieldAt(schema, path);
			if (!field) return;
			const issues = issuesOf(schema, changeAt(data, path));
			const at = path.join('.');
			if (field.isOptional()) {
				if (issues.length > 0) problems.push(`${at} is optional but: ${issues.join(' | ')}`);
			} else {
				required++;
				if (!issues.includes(`${at}: Required`)) {
					problems.push(`${at} removed → ${issues.join(' | ') || 'accepted'}`);
				}
			}
		});
		expect(problems).toEqual([]);
		expect(required).toBeGreaterThan(0);
	});

	it.each(exampleCases)('%s: unknown fields are kept at every level', (name, example) => {
		const { schema } = definitionOf(name);
		const input = withExtraFields(example.envelope.data);
		const result = schema.safeParse(input);
		expect(result.success).toBe(true);
		if (result.success) expect(result.data).toEqual(input);
	});
});

describe('schema documentation', () => {
	it.each(eventCases)('%s: every object keeps unknown keys', (_name, event) => {
		expect(nonPassthroughObjects(event.schema)).toEqual([]);
	});

	it.each(eventCases)('%s: every field has a description', (_name, event) => {
		expect(event.schema.description?.trim()).toBeTruthy();
		expect(undescribedFields(event.schema)).toEqual([]);
	});
});

describe('findEvent', () => {
	it.each(eventCases)('finds %s by its full name', (name, event) => {
		expect(findEvent(name)).toBe(event);
	});

	it.each(exampleCases)('%s: finds the event named in the Eduzz example', (name, example) => {
		expect(findEvent(example.envelope.event)?.name).toBe(name);
	});

	it('resolves the un-prefixed names of Eduzz examples', () => {
		const unprefixed = examples.filter((example) => !example.envelope.event.includes('.'));
		expect(unprefixed.length).toBeGreaterThan(0);
		expect(findEvent('contract_created')?.name).toBe('myeduzz.contract_created');
		expect(findEvent('upload_error')?.name).toBe('safevideo.upload_error');
		expect(findEvent('attendance_assigned')?.name).toBe('blinket.attendance_assigned');
		expect(findEvent('student_module_unfinished')?.name).toBe(
			'alpaclass.student_module_unfinished',
		);
	});

	it('resolves the older AlpaClass draft names', () => {
		expect(findEvent('alpaclass.student_lesson_last_seen_at')?.name).toBe(
			'alpaclass.student_lesson_last_seen',
		);
		expect(findEvent('student_course_last_seen_at')?.name).toBe(
			'alpaclass.student_course_last_seen',
		);
	});

	it('ignores surrounding whitespace', () => {
		expect(findEvent(' myeduzz.invoice_paid ')?.name).toBe('myeduzz.invoice_paid');
	});

	it('returns undefined for unknown names and wrong prefixes', () => {
		expect(findEvent('')).toBeUndefined();
		expect(findEvent('ping')).toBeUndefined();
		expect(findEvent('test.event_one')).toBeUndefined();
		expect(findEvent('nutror.contract_created')).toBeUndefined();
		expect(findEvent('myeduzz.')).toBeUndefined();
	});
});

describe('picker texts', () => {
	const smallWords = new Set('a an the as of on in to for by and or from'.split(' '));

	it.each(eventCases)('%s has a Title Case display name', (_name, event) => {
		const words = event.displayName.split(' ');
		expect(event.displayName.trim()).toBe(event.displayName);
		expect(words[0]).toMatch(/^[A-Z]/);
		for (const word of words) expect(smallWords.has(word) || /^[A-Z]/.test(word)).toBe(true);
	});

	it.each(eventCases)('%s has an English sentence with the pt-BR label', (_name, event) => {
		expect(event.description).toMatch(/^[A-Z][^]* \([^]+\)\.$/);
	});

	it('uses unique display names and descriptions', () => {
		const displayNames = EVENTS.map((event) => event.displayName);
		const descriptions = EVENTS.map((event) => event.description);
		expect(new Set(displayNames).size).toBe(EVENTS.length);
		expect(new Set(descriptions).size).toBe(EVENTS.length);
	});
});
