import { EVENTS, EVENTS_BY_NAME, PRODUCT_NAMES, type EventDefinition } from './index';

/*
 * Where each event carries the ids the Eduzz Trigger's "Only For" option filters on: the school,
 * course, product or Blinket event an event is about. This table is the one source of truth: the
 * option's fields and texts, the node's own check of every delivery, the filters sent to Eduzz
 * with automatic registration and the stand-in Eduzz of the tests (tooling/fakeEduzz.js) all read
 * it. The paths follow the zod schemas beside this file and Eduzz's example payloads
 * (test/unit/filters.test.ts holds the table to both).
 */

export type FilterName =
	| 'alpaclassSchools'
	| 'alpaclassCourses'
	| 'myeduzzProducts'
	| 'nutrorCourses'
	| 'blinketEvents';

/**
 * A path into an event's `data`: keys separated by dots; `[]` after a key steps into every element
 * of that array (`items[].productId`: the product id of every invoice item).
 */
type IdPath = string;

export interface FilterDefinition {
	name: FilterName;
	/** The option's name in the editor, e.g. "AlpaClass Schools". */
	displayName: string;
	/** One value, e.g. "School". */
	valueName: string;
	/**
	 * The metadata key Eduzz would filter these events on (`filters: [{ metadata, values }]` of a
	 * webhook configuration). Sent only for events whose entry of `GET /webhook/v1/origin` lists it.
	 */
	metadata: string;
	/** The picker's list-search method (nodes/shared/listSearch.ts). */
	searchListMethod: string;
	/** An example id for the By ID field. */
	placeholder: string;
	/** Event name → where its `data` carries the id. An event not listed does not carry it. */
	paths: Readonly<Record<string, IdPath>>;
}

const named = (prefix: string) => EVENTS.filter((event) => event.name.startsWith(prefix));
const only = (...names: string[]) => names.map((name) => EVENTS_BY_NAME.get(name)!);

/** `path` for each of `events`. */
function at(events: readonly EventDefinition[], path: IdPath): Record<string, IdPath> {
	return Object.fromEntries(events.map((event) => [event.name, path]));
}

const alpaclass = named('alpaclass.');
const nutror = named('nutror.');

/** In the order the option lists them (alphabetical, as n8n's guidelines want). */
export const FILTERS: readonly FilterDefinition[] = [
	{
		name: 'alpaclassCourses',
		displayName: 'AlpaClass Courses',
		valueName: 'Course',
		metadata: 'courseId',
		searchListMethod: 'searchAlpaclassCourses',
		placeholder: 'e.g. 046d47672cf6212d201d6e8b0c191e73',
		// Every AlpaClass event but the registration in the school is about a course.
		paths: at(
			alpaclass.filter((event) => event.name !== 'alpaclass.student_created'),
			'course.id',
		),
	},
	{
		name: 'alpaclassSchools',
		displayName: 'AlpaClass Schools',
		valueName: 'School',
		metadata: 'teamId',
		searchListMethod: 'searchSchools',
		placeholder: 'e.g. 16943848cc6495142a8e3011d0173252',
		paths: at(alpaclass, 'team.id'),
	},
	{
		name: 'blinketEvents',
		displayName: 'Blinket Events',
		valueName: 'Blinket Event',
		metadata: 'eventId',
		searchListMethod: 'searchBlinketEvents',
		placeholder: 'e.g. 9b056848-beb0-44ff-9e76-d3ac131b6f50',
		paths: at(named('blinket.'), 'event.id'),
	},
	{
		name: 'myeduzzProducts',
		displayName: 'MyEduzz Products',
		valueName: 'Product',
		metadata: 'productId',
		searchListMethod: 'searchProducts',
		placeholder: 'e.g. 47998',
		// Charge attempts and commissions name no product; Sun's abandoned carts list MyEduzz products.
		paths: {
			...at(only('myeduzz.contract_created', 'myeduzz.contract_updated'), 'products[].id'),
			...at(named('myeduzz.invoice_'), 'items[].productId'),
			...at(only('sun.cart_abandonment'), 'productId[]'),
		},
	},
	{
		name: 'nutrorCourses',
		displayName: 'Nutror Courses',
		valueName: 'Course',
		metadata: 'courseId',
		searchListMethod: 'searchCourseHashes',
		placeholder: 'e.g. 4bba1d18c02755a13ee97521ae61958c3cf9e665',
		// Nutror events name a course by its hash; an enrollment can be into several courses.
		paths: {
			...at(
				nutror.filter((event) => event.name !== 'nutror.enrollment_created'),
				'course.hash',
			),
			...at(only('nutror.enrollment_created'), 'courses[].hash'),
		},
	},
];

export const FILTERS_BY_NAME: ReadonlyMap<FilterName, FilterDefinition> = new Map(
	FILTERS.map((filter) => [filter.name, filter]),
);

/** `data.team.id`, `data.items[].productId`: where an event carries a filter's id, for messages. */
export function fieldOf(filter: FilterDefinition, event: string): string | undefined {
	const path = filter.paths[event];
	return path === undefined ? undefined : `data.${path}`;
}

function idString(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** The ids at `path` in `data` (strings; numbers as their text); none when nothing is there. */
export function idsAt(data: unknown, path: IdPath): string[] {
	let current: unknown[] = [data];
	for (const step of path.split('.')) {
		const many = step.endsWith('[]');
		const key = many ? step.slice(0, -2) : step;
		const next: unknown[] = [];
		for (const value of current) {
			if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
			const found = (value as Record<string, unknown>)[key];
			if (!many) next.push(found);
			else if (Array.isArray(found)) next.push(...found);
		}
		current = next;
	}
	return current.map(idString).filter((id): id is string => id !== undefined);
}

/**
 * The ids `event` carries for `filter`: `undefined` when the event does not carry that field at
 * all, `[]` when it should but this payload has none.
 */
export function idsFor(
	filter: FilterDefinition,
	event: string,
	data: unknown,
): string[] | undefined {
	const path = filter.paths[event];
	return path === undefined ? undefined : idsAt(data, path);
}

/** A filter the user chose, with the ids it lets through. */
export interface ActiveFilter {
	filter: FilterDefinition;
	ids: ReadonlySet<string>;
}

export interface FilteredOut {
	filter: FilterDefinition;
	/** Where the event carries the id, e.g. `data.team.id`. */
	field: string;
}

/**
 * Whether an event passes the chosen filters: every filter that applies to it must find one of
 * its ids in the event (several ids in one event, as invoice items: any of them). An event that
 * does not carry a filter's field (an event type without it, or a payload where it is missing or
 * empty) is not filtered by it: the rule Eduzz documents for its own filters. Returns the first
 * filter the event fails, or `undefined` when it passes.
 */
export function filteredOut(
	event: string,
	data: unknown,
	filters: readonly ActiveFilter[],
): FilteredOut | undefined {
	for (const active of filters) {
		const ids = idsFor(active.filter, event, data);
		if (ids === undefined || ids.length === 0) continue;
		if (!ids.some((id) => active.ids.has(id)))
			return { filter: active.filter, field: fieldOf(active.filter, event)! };
	}
	return undefined;
}

// ---- Eduzz's side: metadata and subscription filters -------------------------------------------

/** One entry of a webhook configuration's `filters`. */
export interface EduzzFilter {
	metadata: string;
	values: string[];
}

/** The metadata keys the table knows for `event` (what Eduzz could filter it on). */
export function metadataKeysOf(event: string): string[] {
	const keys = FILTERS.filter((filter) => filter.paths[event] !== undefined).map(
		(filter) => filter.metadata,
	);
	return [...new Set(keys)];
}

/** The metadata values the table finds in an event's `data`, by key (for the stand-in Eduzz). */
export function metadataOf(event: string, data: unknown): Record<string, string[]> {
	const metadata: Record<string, string[]> = {};
	for (const filter of FILTERS) {
		const ids = idsFor(filter, event, data);
		if (ids && ids.length > 0)
			metadata[filter.metadata] = [...(metadata[filter.metadata] ?? []), ...ids];
	}
	return metadata;
}

/**
 * The `filters` of a webhook configuration for the chosen ids and the selected events.
 * `listedKeys(event)` are the metadata keys Eduzz lists for the event (`GET /webhook/v1/origin`):
 * nothing else is sent. Eduzz applies a configuration's filters to every event of it that has the
 * metadata, so a key is sent only when every selected event Eduzz lists it for is one a chosen
 * filter applies to: an AlpaClass course filter must not make Eduzz drop Nutror events that also
 * have a `courseId`. Sorted, so two computations compare equal.
 */
export function eduzzFilters(
	chosen: readonly ActiveFilter[],
	events: readonly string[],
	listedKeys: (event: string) => readonly string[],
): EduzzFilter[] {
	const byKey = new Map<string, { values: Set<string>; events: Set<string> }>();
	for (const { filter, ids } of chosen) {
		if (ids.size === 0) continue;
		for (const event of events) {
			if (filter.paths[event] === undefined || !listedKeys(event).includes(filter.metadata))
				continue;
			const entry = byKey.get(filter.metadata) ?? { values: new Set(), events: new Set() };
			ids.forEach((id) => entry.values.add(id));
			entry.events.add(event);
			byKey.set(filter.metadata, entry);
		}
	}
	const result: EduzzFilter[] = [];
	for (const [metadata, entry] of byKey) {
		const listing = events.filter((event) => listedKeys(event).includes(metadata));
		if (listing.every((event) => entry.events.has(event)))
			result.push({ metadata, values: [...entry.values].sort() });
	}
	return result.sort((a, b) => (a.metadata < b.metadata ? -1 : a.metadata > b.metadata ? 1 : 0));
}

/** Whether two `filters` lists ask Eduzz for the same thing (order aside). */
export function sameEduzzFilters(a: readonly EduzzFilter[], b: readonly EduzzFilter[]): boolean {
	const canonical = (filters: readonly EduzzFilter[]) =>
		JSON.stringify(
			filters
				.filter((filter) => filter.values.length > 0)
				.map((filter) => [filter.metadata, [...new Set(filter.values.map(String))].sort()])
				.sort(([x], [y]) => (String(x) < String(y) ? -1 : 1)),
		);
	return canonical(a) === canonical(b);
}

/**
 * Which events a filter applies to, in words, for the option's description: "all AlpaClass
 * events", "AlpaClass events except Student Registered in the School", "Sun: Cart Abandoned".
 */
export function appliesTo(filter: FilterDefinition): string {
	const parts: string[] = [];
	const products = [...new Set(EVENTS.map((event) => event.product))];
	for (const product of products) {
		const all = EVENTS.filter((event) => event.product === product);
		const carrying = all.filter((event) => filter.paths[event.name] !== undefined);
		if (carrying.length === 0) continue;
		const name = PRODUCT_NAMES[product];
		const missing = all.filter((event) => filter.paths[event.name] === undefined);
		if (missing.length === 0) parts.push(`all ${name} events`);
		else if (carrying.length > missing.length)
			parts.push(`${name} events except ${missing.map((event) => event.displayName).join(', ')}`);
		else parts.push(`${name}: ${carrying.map((event) => event.displayName).join(', ')}`);
	}
	return parts.join('; ');
}
