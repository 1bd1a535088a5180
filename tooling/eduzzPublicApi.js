// @ts-check
'use strict';
/**
 * The rest of api.eduzz.com for the fake (tooling/fakeEduzz.js): every operation of Eduzz's OpenAPI
 * file that the webhook routes do not serve, answered with Eduzz's own examples
 * (test/fixtures/eduzz-api.json) and strict about the request, so a test of the Eduzz node fails
 * when the node sends what Eduzz would not understand:
 *
 * - the token must carry the operation's scopes (403 otherwise, as Eduzz answers);
 * - every query parameter must be one Eduzz names for the operation
 *   (test/fixtures/eduzz-api-query-names.json), page/itemsPerPage positive integers;
 * - a body only where Eduzz takes one, a JSON object with only the fields Eduzz lists;
 * - every id in the path must name something the stand-in holds (404 otherwise, with Eduzz's
 *   error example for that operation when Eduzz documents one).
 *
 * What it holds is one world made of the things Eduzz's examples name and the things the webhook
 * event samples name (test/fixtures/eduzz-events.json): the AlpaClass sample's school "Escola de
 * Beltrano" with its student and course, the MyEduzz samples' products, sales and customers, the
 * Blinket sample's event and attendee... KINDS says where each kind of thing is found; `world()`
 * lists them. Paginated answers (`{ pages, page, itemsPerPage, totalItems, items }`) hold these
 * things followed by numbered copies (`<id>-<n>`, also found by id) up to PAGED_TOTAL items (or the
 * fake's `pagedTotal`), so "Return All" has several pages to follow.
 */
const crypto = require('node:crypto');

/** @typedef {Record<string, unknown>} JsonObject */

/**
 * An answer of an operation in Eduzz's OpenAPI file.
 *
 * @typedef {object} ApiResponse
 * @property {number} status
 * @property {string} [description]
 * @property {unknown} [example]
 */

/**
 * An operation of Eduzz's OpenAPI file (test/fixtures/eduzz-api.json).
 *
 * @typedef {object} Operation
 * @property {string} method
 * @property {string} path
 * @property {string} summary
 * @property {string[]} scopes
 * @property {string[]} pathParams
 * @property {number} queryCount
 * @property {JsonObject | null} body the fields of its body, or null: it takes none
 * @property {ApiResponse[]} responses
 */

/**
 * An entry of KINDS (described there).
 *
 * @typedef {object} KindEntry
 * @property {string} name
 * @property {string[]} params
 * @property {string} [key]
 * @property {string[]} api
 * @property {string | null} [list]
 * @property {string | null} [lookup]
 * @property {Array<[string, string]>} [samples]
 * @property {Record<string, string>} [rename]
 * @property {string} [into]
 * @property {Record<string, string>} [parents]
 */

/**
 * A thing the stand-in holds: `key` is its id as a string, `parents` the path parameters (of a
 * sample's thing) it belongs to.
 *
 * @typedef {{ thing: JsonObject, key: string, parents?: Record<string, string> }} Entry
 */

/**
 * A kind with its defaults filled in.
 *
 * @typedef {Omit<KindEntry, 'key' | 'list' | 'lookup'> & { key: string, list: string | null, lookup: string | null }} ResolvedKind
 */

/** @typedef {ResolvedKind & { things: Entry[] }} Kind a kind with the things the stand-in holds */

/** @typedef {{ field: string, message: string, data: unknown }} FieldError */

/**
 * Builds the error answerOperation throws (fakeEduzz.js's ApiError).
 *
 * @typedef {(status: number, message: string, code: string, errors?: FieldError[], debug?: Record<string, unknown>) => unknown} Fail
 */

/** @type {Operation[]} */
const operations = require('../test/fixtures/eduzz-api.json');
/** @type {Array<{ name: string, envelope: { data: unknown } }>} */
const samples = require('../test/fixtures/eduzz-events.json');
/** @type {Record<string, { names: string[], body?: JsonObject }>} the query names, by operation */
const queryNames = require('../test/fixtures/eduzz-api-query-names.json').operations;

const PAGED_TOTAL = 250;

// ---- what the stand-in holds ---------------------------------------------------------------------

/**
 * Each kind of thing an id in a path names:
 *
 * - `params`: the paths (up to that id) whose last parameter names such a thing;
 * - `key`: the field that is its id (default `id`; a dotted path for a nested one);
 * - `api`: the operations whose example answer lists such things (or is one);
 * - `list`: the operation that lists them, answered with them (default the first of `api`);
 * - `lookup`: the operation that answers one of them (default `GET <first of params>`);
 * - `samples`: where the event samples name one: `[event name prefix, path in data]`, with
 *   `rename` (a sample field → the example's name for it) and `into` (the sample's thing is a
 *   field of this kind's thing, as a course is of an enrollment);
 * - `parents`: the path parameters a sample's thing belongs to, and where the sample says which.
 *   Things of Eduzz's examples belong to every parent; a sample's thing only to the sample's.
 *
 * A path parameter of no kind here (HeyCamp communities, Nutror enrollments: none of the fixtures
 * names one) accepts any id.
 */
/** @type {KindEntry[]} */
const KINDS = [
	{
		name: 'AlpaClass school',
		params: ['/alpaclass/v1/producer/teams/:teamId'],
		api: ['GET /alpaclass/v1/producer/teams'],
		samples: [['alpaclass.', 'team']],
	},
	{
		name: 'AlpaClass student',
		params: ['/alpaclass/v1/producer/teams/:teamId/students/:studentId'],
		api: [
			'GET /alpaclass/v1/producer/teams/:teamId/students',
			'POST /alpaclass/v1/producer/teams/:teamId/students',
		],
		samples: [['alpaclass.', 'student']],
		parents: { teamId: 'team.id' },
	},
	{
		name: 'AlpaClass enrollment',
		params: [],
		api: ['GET /alpaclass/v1/producer/teams/:teamId/students/:studentId/enrollments'],
		samples: [['alpaclass.', 'course']],
		into: 'course',
		parents: { teamId: 'team.id', studentId: 'student.id' },
	},
	{
		name: 'AlpaClass delivery',
		params: ['/alpaclass/v1/producer/teams/:teamId/deliveries/:deliveryId'],
		api: [
			'GET /alpaclass/v1/producer/teams/:teamId/deliveries',
			'GET /alpaclass/v1/producer/teams/:teamId/deliveries/:deliveryId',
		],
	},
	{
		name: 'Blinket event',
		params: ['/blinket/v1/events/:id', '/blinket/v1/attendance-list/by-event/:id'],
		api: ['GET /blinket/v1/events', 'GET /blinket/v1/events/:id'],
		samples: [['blinket.', 'event']],
		rename: { name: 'title' },
	},
	{
		name: 'Blinket attendee',
		params: ['/blinket/v1/attendance-list/update-by-invitekey/:id'],
		key: 'inviteKey',
		api: [
			'GET /blinket/v1/attendance-list/by-event/:id',
			'POST /blinket/v1/attendance-list/add-manually',
		],
		lookup: null,
		samples: [['blinket.', 'participant']],
		parents: { id: 'event.id' },
	},
	{
		name: 'Blinket attendance tag',
		params: ['/blinket/v1/attendance-tags/:id'],
		api: ['GET /blinket/v1/attendance-tags', 'POST /blinket/v1/attendance-tags'],
		lookup: null,
		samples: [['blinket.', 'participant.tags[]']],
	},
	{
		name: 'HeyCamp member',
		params: ['/heycamp/v1/members/:memberId'],
		api: [
			'GET /heycamp/v1/members/community/:communityId',
			'GET /heycamp/v1/members/:memberId/community/:communityId',
		],
		lookup: 'GET /heycamp/v1/members/:memberId/community/:communityId',
	},
	{
		name: 'HeyCamp post',
		params: ['/heycamp/v1/posts/:postId', '/heycamp/v1/comments/on-post/:postId'],
		api: [
			'GET /heycamp/v1/posts/community/:communityId',
			'GET /heycamp/v1/posts/:postId/community/:communityId',
		],
		lookup: 'GET /heycamp/v1/posts/:postId/community/:communityId',
	},
	{
		name: 'MyEduzz subscription',
		params: ['/myeduzz/v1/subscriptions/:id'],
		api: ['GET /myeduzz/v1/subscriptions', 'GET /myeduzz/v1/subscriptions/:id'],
		samples: [['myeduzz.', 'contract']],
	},
	{
		name: 'MyEduzz subscriber',
		params: ['/myeduzz/v1/subscriptions/customers/:email'],
		key: 'email',
		api: ['GET /myeduzz/v1/subscriptions/customers/:email'],
		samples: [['myeduzz.contract_', 'customer']],
	},
	{
		name: 'MyEduzz customer',
		params: ['/myeduzz/v1/customers/:email'],
		key: 'email',
		api: ['GET /myeduzz/v1/customers', 'GET /myeduzz/v1/customers/:email'],
		samples: [
			['myeduzz.', 'buyer'],
			['myeduzz.', 'customer'],
		],
	},
	{
		name: 'MyEduzz affiliate fiscal document',
		params: ['/myeduzz/v1/financial/affiliate/fiscal-documents/:id'],
		key: 'document.id',
		api: ['GET /myeduzz/v1/financial/affiliate/fiscal-documents'],
	},
	{
		name: 'MyEduzz buyer fiscal document',
		params: ['/myeduzz/v1/financial/buyer/fiscal-documents/:id'],
		key: 'document.id',
		api: ['GET /myeduzz/v1/financial/buyer/fiscal-documents'],
	},
	{
		name: 'MyEduzz product',
		params: ['/myeduzz/v1/products/:id'],
		api: ['GET /myeduzz/v1/products', 'GET /myeduzz/v1/products/:id'],
		samples: [
			['myeduzz.', 'items[]'],
			['myeduzz.', 'products[]'],
		],
		rename: { productId: 'id' },
	},
	{
		name: 'MyEduzz sale',
		params: ['/myeduzz/v1/sales/:id'],
		api: ['GET /myeduzz/v1/sales', 'GET /myeduzz/v1/sales/:id'],
		samples: [['myeduzz.invoice_', '']],
	},
	{
		name: 'Nutror comment',
		params: ['/nutror/v1/comments/:id'],
		api: ['GET /nutror/v1/comments', 'GET /nutror/v1/comments/:id'],
		samples: [
			['nutror.comment_', 'comment'],
			['nutror.comment_', 'comment.parentId'],
		],
	},
	{
		name: 'Nutror answer',
		params: ['/nutror/v1/answers/:id'],
		api: ['GET /nutror/v1/comments/:id/answers'],
		samples: [['nutror.comment_replied', 'comment']],
	},
	{
		name: 'Nutror course',
		params: ['/nutror/v1/courses/:courseId'],
		api: ['GET /nutror/v1/courses', 'GET /nutror/v1/courses/:courseId'],
		list: null,
	},
	{
		name: 'Nutror module',
		params: ['/nutror/v1/courses/:courseId/modules/:moduleId'],
		api: [
			'GET /nutror/v1/courses/:courseId/modules',
			'GET /nutror/v1/courses/:courseId/modules/:moduleId',
		],
		list: null,
	},
	{
		name: 'Nutror student',
		params: ['/nutror/v1/students/:id'],
		api: ['GET /nutror/v1/students', 'GET /nutror/v1/students/:id'],
	},
	{
		name: 'SafeVideo media',
		params: ['/safevideo/v1/medias/:id'],
		api: ['GET /safevideo/v1/medias', 'GET /safevideo/v1/medias/:id'],
	},
];

const byName = new Map(
	operations.map((operation) => [`${operation.method} ${operation.path}`, operation]),
);
/** @type {(operation: Operation | undefined) => ApiResponse | undefined} */
const successOf = (operation) =>
	operation?.responses.find((response) => response.status >= 200 && response.status < 300);
/** @type {(name: string) => unknown} */
const exampleOf = (name) => successOf(byName.get(name))?.example;

/**
 * @param {unknown} value
 * @returns {value is JsonObject}
 */
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
/**
 * @param {unknown} body
 * @returns {body is PagedExample}
 */
const isPaged = (body) => isObject(body) && 'pages' in body && Array.isArray(body.items);
/**
 * A paginated example answer: `{ pages, page, itemsPerPage, totalItems, items }`.
 *
 * @typedef {JsonObject & { itemsPerPage?: number, items: unknown[] }} PagedExample
 */
/**
 * The things an example answer holds: its `items`, its array, or itself.
 *
 * @type {(example: unknown) => JsonObject[]}
 */
const thingsIn = (example) =>
	Array.isArray(example)
		? example.filter(isObject)
		: isObject(example) && Array.isArray(example.items)
			? example.items.filter(isObject)
			: isObject(example)
				? [example]
				: [];

/**
 * `a.b[].c` of `value`: every value found there.
 *
 * @param {unknown} value
 * @param {string} path
 * @returns {unknown[]}
 */
function valuesAt(value, path) {
	let found = [value];
	for (const step of path === '' ? [] : path.split('.')) {
		const name = step.replace(/\[\]$/, '');
		found = found.flatMap((item) => {
			const next = isObject(item) ? item[name] : undefined;
			return step.endsWith('[]') ? (Array.isArray(next) ? next : []) : [next];
		});
	}
	return found.filter((item) => item !== undefined && item !== null);
}
/** @type {(thing: unknown, key: string) => unknown} */
const keyOf = (thing, key) => valuesAt(thing, key)[0];

/**
 * A copy of `thing` with `value` at the dotted `key`.
 *
 * @param {JsonObject} thing
 * @param {string} key
 * @param {unknown} value
 * @returns {JsonObject}
 */
function withKey(thing, key, value) {
	const copy = structuredClone(thing);
	const steps = key.split('.');
	let at = copy;
	for (const step of steps.slice(0, -1)) at = at[step] = isObject(at[step]) ? at[step] : {};
	at[/** @type {string} */ (steps.at(-1))] = value;
	return copy;
}

/**
 * `template`'s fields, with `source`'s values where `source` has a value of the same type:
 * something of Eduzz's example's shape with what a sample (or another example) says of it.
 *
 * @param {unknown} template
 * @param {unknown} source
 * @returns {unknown}
 */
function shaped(template, source) {
	if (!isObject(template) || !isObject(source)) return structuredClone(template);
	/** @type {JsonObject} */
	const out = {};
	for (const [field, value] of Object.entries(template)) {
		const given = source[field];
		if (isObject(value) && isObject(given)) out[field] = shaped(value, given);
		else if (
			given !== undefined &&
			(value === null ||
				typeof given === typeof value ||
				(Array.isArray(value) && Array.isArray(given)))
		)
			out[field] = structuredClone(given);
		else out[field] = structuredClone(value);
	}
	return out;
}

/**
 * `shaped`, keeping `thing`'s own key (a sample's id may be a string where the example's is a number).
 *
 * @param {unknown} template
 * @param {unknown} thing
 * @param {string} key
 * @returns {unknown}
 */
function shapedAs(template, thing, key) {
	const value = keyOf(thing, key);
	const out = shaped(template, thing);
	return value === undefined || !isObject(out) ? out : withKey(out, key, value);
}

/** A made-up id for a sample's thing that has none of its own (an enrollment), stable across runs. */
const madeUpId = (/** @type {string} */ text) =>
	String(parseInt(crypto.createHash('sha256').update(text).digest('hex').slice(0, 8), 16) % 1e6);

/**
 * The things of one kind: `{ thing, key, parents }`, Eduzz's examples first, then the samples'.
 *
 * @param {ResolvedKind} kind
 * @returns {Entry[]}
 */
function thingsOf(kind) {
	const { key } = kind;
	/** @type {Entry[]} */
	const found = [];
	/** @type {Set<string>} */
	const seen = new Set();
	// One thing per key and per id (the samples give one Blinket participant two invite keys).
	/** @type {(thing: JsonObject, parents?: Record<string, string>) => void} */
	const add = (thing, parents) => {
		const id = keyOf(thing, key);
		const marks = [JSON.stringify([key, String(id), parents])];
		if (key !== 'id' && thing.id !== undefined)
			marks.push(JSON.stringify(['id', String(thing.id), parents]));
		if (id === undefined || marks.some((mark) => seen.has(mark))) return;
		for (const mark of marks) seen.add(mark);
		found.push({ thing, key: String(id), parents });
	};
	for (const name of kind.api) {
		const example = exampleOf(name);
		// A lookup's answer is one thing, even with `items` of its own (a sale's items).
		const things = name === kind.lookup ? [example].flat().filter(isObject) : thingsIn(example);
		for (const thing of things) add(thing);
	}
	for (const [prefix, path] of kind.samples ?? []) {
		for (const { name, envelope } of samples) {
			if (!name.startsWith(prefix)) continue;
			const parents = kind.parents
				? Object.fromEntries(
						Object.entries(kind.parents).map(([param, at]) => [
							param,
							String(keyOf(envelope.data, at)),
						]),
					)
				: undefined;
			for (const value of valuesAt(envelope.data, path)) {
				let thing = isObject(value) ? renamed(value, kind.rename) : { [key]: value };
				if (kind.into) {
					const id = madeUpId(`${JSON.stringify(parents)} ${thing.id}`);
					thing = { id, [kind.into]: thing };
				}
				add(thing, parents);
			}
		}
	}
	return found;
}

/**
 * @param {JsonObject} thing
 * @param {Record<string, string>} [rename] a field's new name, by its name
 * @returns {JsonObject}
 */
function renamed(thing, rename = {}) {
	/** @type {JsonObject} */
	const out = {};
	for (const [field, value] of Object.entries(thing)) out[rename[field] ?? field] = value;
	return out;
}

/** @type {Kind[]} */
const kinds = KINDS.map((entry) => {
	/** @type {ResolvedKind} */
	const kind = {
		...entry,
		key: entry.key ?? 'id',
		list: entry.list === undefined ? entry.api[0] : entry.list,
		lookup: entry.lookup === undefined ? `GET ${entry.params[0]}` : entry.lookup,
	};
	return { ...kind, things: thingsOf(kind) };
});

/**
 * The n-th copy of a thing in a long list (n counts from 1 over the whole list): its key (and id)
 * numbered `<key>-<n>`, or `<name>+<n>@<domain>` for an e-mail.
 *
 * @param {unknown} value
 * @param {number} n
 * @returns {string}
 */
function numbered(value, n) {
	const email = /^([^@]+)@(.+)$/.exec(String(value));
	return email ? `${email[1]}+${n}@${email[2]}` : `${value}-${n}`;
}
/**
 * What numbered() made `value` of: `{ key, n }`, or undefined.
 *
 * @param {string} value
 * @returns {{ key: string, n: number } | undefined}
 */
function unnumbered(value) {
	const match = /^(.*)-(\d+)$/.exec(value) ?? /^([^@+]+)\+(\d+)(@.+)$/.exec(value);
	if (!match) return undefined;
	return { key: match[3] ? `${match[1]}${match[3]}` : match[1], n: Number(match[2]) };
}

/**
 * Whether `entry` belongs under the path's parameters (a sample's thing, only under its parents).
 *
 * @type {(entry: Entry, params: Record<string, string>, own?: string) => boolean}
 */
const belongs = (entry, params, own) =>
	!entry.parents ||
	Object.entries(entry.parents).every(
		([param, value]) => param === own || params[param] === undefined || params[param] === value,
	);

/**
 * The things of `kind` under `params`; `own` is the parameter naming the thing itself.
 *
 * @type {(kind: Kind, params: Record<string, string>, own?: string) => Entry[]}
 */
const thingsUnder = (kind, params, own) =>
	kind.things.filter((entry) => belongs(entry, params, own));

/**
 * The thing of `kind` named `id` under `params` (a numbered copy counts), or undefined.
 *
 * @param {Kind} kind
 * @param {string} id
 * @param {Record<string, string>} params
 * @param {string} own
 * @param {number} pagedTotal
 * @returns {JsonObject | undefined}
 */
function find(kind, id, params, own, pagedTotal) {
	const under = thingsUnder(kind, params, own);
	const exact = under.find((entry) => entry.key === id);
	if (exact) return exact.thing;
	const copy = unnumbered(id);
	const original = copy && under.find((entry) => entry.key === copy.key);
	if (!original || copy.n < 1 || copy.n > Math.max(pagedTotal, under.length)) return undefined;
	const thing = withKey(original.thing, kind.key, id);
	return 'id' in thing && kind.key !== 'id' ? { ...thing, id: numbered(thing.id, copy.n) } : thing;
}

/** What `world()` says the stand-in holds: every kind, with the keys (and parents) of its things. */
function world() {
	return kinds.map((kind) => ({
		name: kind.name,
		key: kind.key,
		params: kind.params,
		things: kind.things.map(({ key, parents }) => (parents ? { key, parents } : { key })),
	}));
}

// ---- routes ---------------------------------------------------------------------------------------

/**
 * `/a/:b/c` → a RegExp with a named group per parameter.
 *
 * @param {string} path
 */
function matcherFor(path) {
	const pattern = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '(?<$1>[^/]+)');
	return new RegExp(`^${pattern}$`);
}

/**
 * The kinds of a path's parameters, outermost first: `[{ param, kind }]`.
 *
 * @param {string} path
 */
function idsIn(path) {
	/** @type {Array<{ param: string, kind: Kind }>} */
	const checks = [];
	for (const match of path.matchAll(/:(\w+)/g)) {
		const prefix = path.slice(0, match.index + match[0].length);
		const kind = kinds.find((candidate) => candidate.params.includes(prefix));
		if (kind) checks.push({ param: match[1], kind });
	}
	return checks;
}

/**
 * Eduzz's 404 example for a missing thing: the operation's own, else one of an operation on the same kind.
 *
 * @param {Operation} operation
 * @param {Kind} kind
 * @returns {JsonObject | undefined}
 */
function notFoundExample(operation, kind) {
	const own = operation.responses.find((response) => response.status === 404)?.example;
	if (isObject(own)) return own;
	for (const candidate of operations) {
		if (!kind.params.some((prefix) => candidate.path.startsWith(prefix))) continue;
		const example = candidate.responses.find((response) => response.status === 404)?.example;
		if (isObject(example)) return example;
	}
	return undefined;
}

const routes = operations
	.map((operation) => {
		const name = `${operation.method} ${operation.path}`;
		return {
			...operation,
			matcher: matcherFor(operation.path),
			literalSegments: operation.path
				.split('/')
				.filter((segment) => segment && !segment.startsWith(':')).length,
			query: queryNames[name]?.names ?? [],
			// A body a reference page documents where the OpenAPI file has none (a DELETE's).
			body: operation.body ?? queryNames[name]?.body ?? null,
			success: successOf(operation),
			ids: idsIn(operation.path),
			listOf: kinds.find((kind) => kind.list === name),
			lookupOf: kinds.find((kind) => kind.lookup === name),
		};
	})
	// Literal segments win over parameters (`/products/coupons` over `/products/:id`).
	.sort((a, b) => b.literalSegments - a.literalSegments);

/** @param {string} value */
function decoded(value) {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/** @typedef {(typeof routes)[number]} Route an operation the stand-in answers */
/** @typedef {{ route: Route, params?: Record<string, string> }} FoundOperation */

/**
 * The operation `method pathname` calls, with its (decoded) path parameters, or undefined.
 *
 * @param {string} method
 * @param {string} pathname
 * @returns {FoundOperation | undefined}
 */
function findOperation(method, pathname) {
	for (const route of routes) {
		const match = route.method === method && route.matcher.exec(pathname);
		if (match) {
			const params = Object.fromEntries(
				Object.entries(match.groups ?? {}).map(([name, value]) => [name, decoded(value)]),
			);
			return { route, params };
		}
	}
	return undefined;
}

// ---- answers --------------------------------------------------------------------------------------

/**
 * Page `page` of a list of `things` (each `{ thing, key }`) shaped as `example`'s items, numbered copies after them.
 *
 * @param {PagedExample} example
 * @param {Entry[]} things
 * @param {string} kindKey
 * @param {number} page
 * @param {number | undefined} itemsPerPage
 * @param {number} total
 */
function pageOf(example, things, kindKey, page, itemsPerPage, total) {
	const size = itemsPerPage ?? (example.itemsPerPage || 10);
	// The items of Eduzz's paginated examples are objects.
	const template = /** @type {JsonObject} */ (example.items[0] ?? { id: 'item' });
	const entries = things.length > 0 ? things : [{ thing: template, key: String(template.id) }];
	total = Math.max(total, things.length);
	/** @type {unknown[]} */
	const items = [];
	for (let index = (page - 1) * size; index < Math.min(page * size, total); index++) {
		const { thing } = entries[index % entries.length];
		// An item of this very example stays as Eduzz wrote it; anything else takes its shape.
		const item = example.items.includes(thing)
			? structuredClone(thing)
			: shapedAs(template, thing, kindKey);
		const key = keyOf(item, kindKey);
		if (index < things.length || key === undefined) items.push(item);
		else {
			const copy = withKey(/** @type {JsonObject} */ (item), kindKey, numbered(key, index + 1));
			if ('id' in copy && kindKey !== 'id') copy.id = numbered(copy.id, index + 1);
			items.push(copy);
		}
	}
	return { pages: Math.ceil(total / size), page, itemsPerPage: size, totalItems: total, items };
}

/**
 * @param {unknown} value
 * @returns {number | undefined}
 */
function positiveInteger(value) {
	return /^[1-9]\d{0,5}$/.test(String(value)) ? Number(value) : undefined;
}

/**
 * The request's problems Eduzz would answer 400 for: `[{ field, message, data }]`.
 *
 * @param {Route} route
 * @param {Record<string, string>} query
 * @param {unknown} body
 * @returns {FieldError[]}
 */
function invalidParts(route, query, body) {
	/** @type {FieldError[]} */
	const errors = [];
	for (const [name, value] of Object.entries(query)) {
		if (!route.query.includes(name))
			errors.push({
				field: name,
				message: `Eduzz takes no query parameter "${name}" here`,
				data: value,
			});
		else if ((name === 'page' || name === 'itemsPerPage') && positiveInteger(value) === undefined) {
			errors.push({ field: name, message: `${name} must be a positive integer`, data: value });
		}
	}
	if (
		route.body === null &&
		body !== undefined &&
		!(typeof body === 'object' && body !== null && Object.keys(body).length === 0)
	) {
		errors.push({ field: 'body', message: 'This operation takes no body', data: body });
	}
	if (route.body !== null && body !== undefined) {
		if (!isObject(body))
			errors.push({ field: 'body', message: 'The body must be a JSON object', data: body });
		else
			for (const field of Object.keys(body))
				if (!(field in route.body))
					errors.push({
						field,
						message: `Eduzz takes no field "${field}" here`,
						data: body[field],
					});
	}
	return errors;
}

/**
 * Answers a request to an operation found by findOperation: `{ status, body }`, or throws what
 * `fail(status, message, code, errors?, debug?)` builds. `scopes`: the token's; `pagedTotal`: how
 * many items a paginated answer has at least.
 *
 * @param {FoundOperation} operation
 * @param {object} request
 * @param {Record<string, string>} request.query
 * @param {unknown} request.body
 * @param {Set<string>} request.scopes
 * @param {Fail} request.fail
 * @param {number} [request.pagedTotal]
 * @returns {{ status: number, body: unknown }}
 */
function answerOperation(
	{ route, params = {} },
	{ query, body, scopes, fail, pagedTotal = PAGED_TOTAL },
) {
	const missing = route.scopes.filter((scope) => !scopes.has(scope));
	if (missing.length > 0) {
		throw fail(
			403,
			`The access token lacks the required scope: ${missing.join(', ')}`,
			'FORBIDDEN',
			undefined,
			{ requiredScopes: route.scopes },
		);
	}
	const errors = invalidParts(route, query, body);
	if (errors.length > 0) throw fail(400, 'Validation failed', 'VALIDATION_ERROR', errors);

	/** @type {Map<Kind, JsonObject>} */
	const found = new Map(); // kind → the thing the path names
	for (const { param, kind } of route.ids) {
		const thing = find(kind, params[param], params, param, pagedTotal);
		if (thing) {
			found.set(kind, thing);
			continue;
		}
		const example = notFoundExample(route, kind);
		if (example) return { status: 404, body: structuredClone(example) };
		throw fail(404, `${kind.name} ${params[param]} not found`, 'NOT_FOUND', undefined, {
			[param]: params[param],
		});
	}

	const example = route.success ? route.success.example : null;
	const status = route.success ? route.success.status : 200;
	if (status === 204) return { status, body: undefined };
	// One thing: Eduzz's example of it, with what the world knows of the one asked for.
	const thing = route.lookupOf && found.get(route.lookupOf);
	if (thing) {
		// A thing was found for it: route.lookupOf is set.
		const { key } = /** @type {Kind} */ (route.lookupOf);
		const one = (/** @type {unknown} */ template) =>
			keyOf(template, key) === keyOf(thing, key)
				? structuredClone(template)
				: shapedAs(template, thing, key);
		return { status, body: Array.isArray(example) ? example.map(one) : one(example) };
	}
	// A list: the things under the path's parameters, shaped as the example's items.
	const listed = route.listOf && thingsUnder(route.listOf, params);
	if (isPaged(example)) {
		const entries = listed ?? thingsIn(example).map((thing) => ({ thing, key: String(thing.id) }));
		return {
			status,
			body: pageOf(
				example,
				entries,
				route.listOf?.key ?? 'id',
				positiveInteger(query.page) ?? 1,
				positiveInteger(query.itemsPerPage),
				pagedTotal,
			),
		};
	}
	if (listed) {
		const template = thingsIn(example)[0] ?? {};
		const items = listed.map((entry) =>
			shapedAs(template, entry.thing, /** @type {Kind} */ (route.listOf).key),
		);
		return {
			status,
			body: Array.isArray(example) ? items : { .../** @type {JsonObject} */ (example), items },
		};
	}
	return { status, body: structuredClone(example) };
}

module.exports = { findOperation, answerOperation, operations: routes, world, PAGED_TOTAL };
