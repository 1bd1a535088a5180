import type { EduzzEventItem } from './delivery';
import type { TriggerStaticData } from './staticData';

/** Eduzz replays backed-up events for 2 to 7 days; ids older than that cannot come back. */
export const REDELIVERY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Bounds the workflow's static data (saved with every delivery): ~40 bytes an entry. */
export const MAX_REMEMBERED_EVENTS = 5000;


/**
 * Records the item's event id and tells whether it is new. Items without an id are always new (they
 * cannot be recognised). Entries expire after 7 days and the oldest are dropped past the bound.
 */
export function rememberDelivery(store: TriggerStaticData, item: Pick<EduzzEventItem, 'id' | 'event'>, now: number): boolean {
	if (item.id === null) return true;
	const seen = (store.seenEvents ??= {});
	const key = `${item.event}:${item.id}`;
	const firstSeen = seen[key];
	if (firstSeen !== undefined && now - firstSeen < REDELIVERY_WINDOW_MS) return false;

	delete seen[key];
	seen[key] = now;
	const keys = Object.keys(seen);
	let drop = Math.max(0, keys.length - MAX_REMEMBERED_EVENTS);
	for (const oldKey of keys) {
		if (drop > 0) drop--;
		else if (now - seen[oldKey] < REDELIVERY_WINDOW_MS) break;
		delete seen[oldKey];
	}
	return true;
}
