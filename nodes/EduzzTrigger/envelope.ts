import type { ZodIssue } from 'zod';

import { findEvent } from './events';

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
 * JSON nesting deeper than this is refused before parsing: Eduzz payloads are 3–4 levels deep, and
 * n8n copies item data recursively, so a hostile 100,000-level array must never reach it.
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

function optionalText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** Parses the raw bytes (UTF-8, optional BOM) into Eduzz's envelope; never throws. */
export function parseEnvelope(raw: Buffer): EnvelopeResult {
	if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
		return { ok: false, message: `The body nests JSON deeper than ${MAX_JSON_DEPTH} levels.` };
	}
	let text = raw.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return { ok: false, message: 'The body is not valid JSON.' };
	}
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

/** The canonical (prefixed) name of a known event, or the name as sent. */
export function canonicalEventName(event: string): string {
	return findEvent(event)?.name ?? event;
}

/** `data.student.email: Expected string, received number` — each message names the field. */
export function formatIssues(issues: readonly ZodIssue[]): string[] {
	return issues.map((issue) => {
		let path = 'data';
		for (const key of issue.path) path += typeof key === 'number' ? `[${key}]` : `.${key}`;
		return `${path}: ${issue.message}`;
	});
}
