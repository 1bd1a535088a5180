import { createHash } from 'node:crypto';

import type { EduzzEventItem } from './delivery';
import type { TriggerStaticData } from './staticData';

/*
 * "Skip Redeliveries" remembers the events it let through in the workflow's static data, which n8n
 * rewrites with every accepted delivery, so the store is kept small: each event is a 12-character
 * token (72 bits of SHA-256 over `<event>:<id>`: a new event taken for a remembered one is
 * astronomically unlikely), and tokens are grouped by the UTC day they were first received, so
 * expiry drops whole days. 5,000 events take about 60 KB.
 */

/** Eduzz replays backed-up events for 2 to 7 days; days older than that cannot come back. */
export const REDELIVERY_WINDOW_DAYS = 7;
/** Bounds the static data n8n saves with every delivery. */
export const MAX_REMEMBERED_EVENTS = 5000;
const TOKEN_LENGTH = 12;
const DAY_MS = 24 * 60 * 60 * 1000;

type RememberedEvents = NonNullable<TriggerStaticData['rememberedEvents']>;

/** The token that stands for an event in the store. */
export function redeliveryToken(item: Pick<EduzzEventItem, 'id' | 'event'>): string {
	return createHash('sha256')
		.update(`${item.event}:${item.id}`)
		.digest('base64url')
		.slice(0, TOKEN_LENGTH);
}

function contains(tokens: string, token: string): boolean {
	for (let at = tokens.indexOf(token); at !== -1; at = tokens.indexOf(token, at + 1)) {
		if (at % TOKEN_LENGTH === 0) return true;
	}
	return false;
}

/** Days still inside the window, oldest first. */
function liveDays(remembered: RememberedEvents, today: number): string[] {
	return Object.keys(remembered)
		.filter((day) => today - Number(day) <= REDELIVERY_WINDOW_DAYS)
		.sort((a, b) => Number(a) - Number(b));
}

/** Whether the store holds `token` received within the window. */
export function isRemembered(store: TriggerStaticData, token: string, now: number): boolean {
	const remembered = store.rememberedEvents ?? {};
	return liveDays(remembered, Math.floor(now / DAY_MS)).some((day) =>
		contains(remembered[day], token),
	);
}

/**
 * Records the item's event and tells whether it is new. Items without an id are always new (they
 * cannot be recognised). Days past the window are dropped, then the oldest events past the bound.
 */
export function rememberDelivery(
	store: TriggerStaticData,
	item: Pick<EduzzEventItem, 'id' | 'event'>,
	now: number,
): boolean {
	if (item.id === null) return true;
	const token = redeliveryToken(item);
	if (isRemembered(store, token, now)) return false;

	const today = Math.floor(now / DAY_MS);
	const previous = store.rememberedEvents ?? {};
	const remembered: RememberedEvents = {};
	for (const day of liveDays(previous, today)) remembered[day] = previous[day];
	remembered[today] = (remembered[today] ?? '') + token;
	// Days are integer keys, so Object.keys lists them oldest first.
	let excess = Object.values(remembered).join('').length / TOKEN_LENGTH - MAX_REMEMBERED_EVENTS;
	for (const day of Object.keys(remembered)) {
		if (excess <= 0) break;
		const kept = remembered[day].slice(excess * TOKEN_LENGTH);
		excess -= (remembered[day].length - kept.length) / TOKEN_LENGTH;
		if (kept === '') delete remembered[day];
		else remembered[day] = kept;
	}
	store.rememberedEvents = remembered;
	return true;
}
