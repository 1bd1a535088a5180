import { alpaclassEvents } from './alpaclass';
import { blinketEvents } from './blinket';
import { myeduzzEvents } from './myeduzz';
import { nutrorEvents } from './nutror';
import { safevideoEvents } from './safevideo';
import { sunEvents } from './sun';
import { PRODUCTS, type EventDefinition, type Product } from './types';

export { PRODUCTS, PRODUCT_NAMES, type EventDefinition } from './types';

const EVENTS_BY_PRODUCT: Record<Product, readonly EventDefinition[]> = {
	alpaclass: alpaclassEvents,
	myeduzz: myeduzzEvents,
	nutror: nutrorEvents,
	blinket: blinketEvents,
	safevideo: safevideoEvents,
	sun: sunEvents,
};

/** All 63 Eduzz webhook events, grouped by product in `PRODUCTS` order (AlpaClass first). */
export const EVENTS: readonly EventDefinition[] = PRODUCTS.flatMap(
	(product) => EVENTS_BY_PRODUCT[product],
);

export const EVENTS_BY_NAME: ReadonlyMap<string, EventDefinition> = new Map(
	EVENTS.map((event) => [event.name, event]),
);

/** Older draft names Eduzz published for some events (eduzz-webhook-docs), mapped to current ones. */
const LEGACY_NAMES: ReadonlyMap<string, string> = new Map([
	['alpaclass.student_course_last_seen_at', 'alpaclass.student_course_last_seen'],
	['alpaclass.student_lesson_last_seen_at', 'alpaclass.student_lesson_last_seen'],
]);

/** `contract_created` → `myeduzz.contract_created`; names that exist in two products map to nothing. */
const BY_SHORT_NAME: ReadonlyMap<string, EventDefinition | undefined> = (() => {
	const map = new Map<string, EventDefinition | undefined>();
	for (const event of EVENTS) {
		const short = event.name.slice(event.name.indexOf('.') + 1);
		map.set(short, map.has(short) ? undefined : event);
	}
	return map;
})();

/**
 * Finds an event by its Eduzz name. Accepts the prefixed name (`myeduzz.contract_created`), the
 * un-prefixed name some Eduzz examples carry (`contract_created`) when only one product has it,
 * and the older AlpaClass draft names (`…_last_seen_at`).
 */
export function findEvent(name: string): EventDefinition | undefined {
	const trimmed = name.trim();
	const exact = EVENTS_BY_NAME.get(trimmed);
	if (exact) return exact;

	const legacy = LEGACY_NAMES.get(trimmed);
	if (legacy) return EVENTS_BY_NAME.get(legacy);

	if (trimmed.includes('.')) return undefined;
	return BY_SHORT_NAME.get(trimmed) ?? findLegacyShortName(trimmed);
}

function findLegacyShortName(short: string): EventDefinition | undefined {
	const matches = [...LEGACY_NAMES].filter(([legacy]) => legacy.endsWith(`.${short}`));
	return matches.length === 1 ? EVENTS_BY_NAME.get(matches[0][1]) : undefined;
}
