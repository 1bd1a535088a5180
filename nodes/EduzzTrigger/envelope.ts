import type { ZodIssue } from 'zod';

/** Eduzz's envelope as received: `{ id, event, sentDate, data }` (`id`/`sentDate` missing in some payloads). */
export interface Envelope {
	id: string | null;
	/** The event name exactly as sent (a few Eduzz examples omit the product prefix). */
	event: string;
	sentDate: string | null;
	data: unknown;
}

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; message: string };

/**
 * JSON nesting deeper than this is refused: Eduzz payloads are 3–4 levels deep, and n8n copies item
 * data recursively, so a hostile 100,000-level array must never reach it.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** One pass over the bytes, skipping strings: true when objects/arrays nest deeper than `maxDepth`. */
export function nestsDeeperThan(raw: Buffer, maxDepth: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < raw.length; i++) {
		const byte = raw[i];
		if (inString) {
			if (byte === BACKSLASH) i++;
			else if (byte === QUOTE) inString = false;
		} else if (byte === QUOTE) {
			inString = true;
		} else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
			if (++depth > maxDepth) return true;
		} else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
			depth--;
		}
	}
	return false;
}

/**
 * True when the parsed value nests objects/arrays deeper than `maxDepth` (the root object is level
 * 1, as in nestsDeeperThan). Iterative, with an explicit stack: a hostile depth cannot overflow.
 */
export function valueNestsDeeperThan(root: unknown, maxDepth: number): boolean {
	if (typeof root !== 'object' || root === null) return false;
	if (maxDepth < 1) return true;
	const nodes: object[] = [root];
	const depths: number[] = [1];
	while (nodes.length > 0) {
		const node = nodes.pop() as Record<string, unknown> | unknown[];
		const depth = depths.pop() as number;
		if (Array.isArray(node)) {
			for (let i = 0; i < node.length; i++) {
				const child = node[i];
				if (typeof child !== 'object' || child === null) continue;
				if (depth === maxDepth) return true;
				nodes.push(child);
				depths.push(depth + 1);
			}
		} else {
			// JSON.parse objects have no inherited enumerable keys; an own "__proto__" key is read as such.
			for (const key in node) {
				const child = node[key];
				if (typeof child !== 'object' || child === null) continue;
				if (depth === maxDepth) return true;
				nodes.push(child);
				depths.push(depth + 1);
			}
		}
	}
	return false;
}

function optionalText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

function tooDeep(): EnvelopeResult {
	return { ok: false, message: `The body nests JSON deeper than ${MAX_JSON_DEPTH} levels.` };
}

/** Parses the raw bytes (UTF-8, optional BOM) into Eduzz's envelope; never throws. */
export function parseEnvelope(raw: Buffer): EnvelopeResult {
	// Depth is checked on the parsed value rather than by scanning the bytes first: cheaper, and
	// safe because V8's JSON.parse is iterative (Node 20 and 24 parse 100 MB of `[` without a
	// RangeError). Building a deep value is no costlier than a flat body of the same size with
	// depth-64 blocks, which the limit allows anyway.
	let text = raw.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		// As when the bytes were scanned before parsing: too deep wins over not valid JSON.
		if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) return tooDeep();
		return { ok: false, message: 'The body is not valid JSON.' };
	}
	// The value nests as deep as its text, except when JSON.parse dropped a deep duplicate key.
	if (valueNestsDeeperThan(body, MAX_JSON_DEPTH)) return tooDeep();
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, message: 'The body is not a JSON object (Eduzz sends { id, event, sentDate, data }).' };
	}
	const record = body as Record<string, unknown>;
	if (typeof record.event !== 'string' || record.event.trim() === '') {
		return { ok: false, message: 'The body has no "event" name, so it is not an Eduzz webhook envelope.' };
	}
	return {
		ok: true,
		envelope: {
			id: optionalText(record.id),
			event: record.event.trim(),
			sentDate: optionalText(record.sentDate),
			data: record.data === undefined ? null : record.data,
		},
	};
}

/** Eduzz's verification deliveries: the activation ping and the console's/API's test events. */
export function isTestEvent(event: string): boolean {
	return event === 'ping' || event.startsWith('test.') || event.startsWith('test_');
}

/** `data.student.email: Expected string, received number` — each message names the field. */
export function formatIssues(issues: readonly ZodIssue[]): string[] {
	return issues.map((issue) => {
		let path = 'data';
		for (const key of issue.path) path += typeof key === 'number' ? `[${key}]` : `.${key}`;
		return `${path}: ${issue.message}`;
	});
}
