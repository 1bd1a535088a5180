import type { ZodIssue } from 'zod/v3';

/** Eduzz's envelope as received: `{ id, event, sentDate, data }` (`id`/`sentDate` missing in some payloads). */
interface Envelope {
	id: string | null;
	/** The event name exactly as sent (a few Eduzz examples omit the product prefix). */
	event: string;
	sentDate: string | null;
	data: unknown;
}

type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; message: string };

/**
 * JSON nesting deeper than this is refused: Eduzz payloads are 3–4 levels deep, and n8n copies item
 * data recursively, so a hostile 100,000-level array must never reach it.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when the parsed value nests objects/arrays deeper than `maxDepth` (the root object is level
 * 1). Iterative, with an explicit stack: a hostile depth cannot overflow.
 */
export function valueNestsDeeperThan(root: unknown, maxDepth: number): boolean {
	const stack: Array<[unknown, number]> = [[root, 1]];
	while (stack.length > 0) {
		const [value, depth] = stack.pop() as [unknown, number];
		if (typeof value !== 'object' || value === null) continue;
		if (depth > maxDepth) return true;
		for (const child of Object.values(value)) stack.push([child, depth + 1]);
	}
	return false;
}

function optionalText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** Parses the raw bytes (UTF-8, optional BOM) into Eduzz's envelope; never throws. */
export function parseEnvelope(raw: Buffer): EnvelopeResult {
	// V8's JSON.parse is iterative, so a hostile depth cannot overflow it; the depth is checked on
	// the parsed value, before anything recursive (n8n's item copy) sees it.
	let text = raw.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return { ok: false, message: 'The body is not valid JSON.' };
	}
	if (valueNestsDeeperThan(body, MAX_JSON_DEPTH)) {
		return { ok: false, message: `The body nests JSON deeper than ${MAX_JSON_DEPTH} levels.` };
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return {
			ok: false,
			message: 'The body is not a JSON object (Eduzz sends { id, event, sentDate, data }).',
		};
	}
	const record = body as Record<string, unknown>;
	if (typeof record.event !== 'string' || record.event.trim() === '') {
		return {
			ok: false,
			message: 'The body has no "event" name, so it is not an Eduzz webhook envelope.',
		};
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
