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
 * - a body only where Eduzz takes one, a JSON object with only the fields Eduzz lists.
 *
 * Paginated answers (`{ pages, page, itemsPerPage, totalItems, items }`) come from a list of
 * PAGED_TOTAL items (or the fake's `pagedTotal`) made from the example's, so "Return All" has
 * several pages to follow.
 */
const operations = require('../test/fixtures/eduzz-api.json');
const { operations: queryNames } = require('../test/fixtures/eduzz-api-query-names.json');

const PAGED_TOTAL = 250;

/** `/a/:b/c` → a RegExp with a named group per parameter. Literal segments win over parameters. */
function matcherFor(path) {
	const pattern = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '(?<$1>[^/]+)');
	return new RegExp(`^${pattern}$`);
}

const routes = operations
	.map((operation) => ({
		...operation,
		matcher: matcherFor(operation.path),
		literalSegments: operation.path
			.split('/')
			.filter((segment) => segment && !segment.startsWith(':')).length,
		query: queryNames[`${operation.method} ${operation.path}`]?.names ?? [],
		success: operation.responses.find(
			(response) => response.status >= 200 && response.status < 300,
		),
	}))
	.sort((a, b) => b.literalSegments - a.literalSegments);

const isPaged = (body) =>
	body !== null && typeof body === 'object' && 'pages' in body && Array.isArray(body.items);

/**
 * Page `page` of PAGED_TOTAL items cloned from the example's, each with its own id (an example
 * without items, as some of Eduzz's are, gives items with only an id).
 */
function pageOf(example, page, itemsPerPage, total = PAGED_TOTAL) {
	const size = itemsPerPage ?? (example.itemsPerPage || 10);
	const start = (page - 1) * size;
	const items = [];
	for (let index = start; index < Math.min(start + size, total); index++) {
		const template =
			example.items.length > 0 ? example.items[index % example.items.length] : { id: 'item' };
		items.push({ ...template, ...('id' in template ? { id: `${template.id}-${index + 1}` } : {}) });
	}
	return { pages: Math.ceil(total / size), page, itemsPerPage: size, totalItems: total, items };
}

function positiveInteger(value) {
	return /^[1-9]\d{0,5}$/.test(String(value)) ? Number(value) : undefined;
}

/** The operation `method pathname` calls, with its path parameters, or undefined. */
function findOperation(method, pathname) {
	for (const route of routes) {
		const match = route.method === method && route.matcher.exec(pathname);
		if (match) return { route, params: match.groups ?? {} };
	}
	return undefined;
}

/**
 * Answers a request to an operation found by findOperation: `{ status, body }`, or throws what
 * `fail(status, message, code, errors?, debug?)` builds. `scopes`: the token's; `pagedTotal`: how
 * many items a paginated answer has in all.
 */
function answerOperation({ route }, { query, body, scopes, fail, pagedTotal = PAGED_TOTAL }) {
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
		if (typeof body !== 'object' || body === null || Array.isArray(body))
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
	if (errors.length > 0) throw fail(400, 'Validation failed', 'VALIDATION_ERROR', errors);

	const example = route.success ? route.success.example : null;
	const status = route.success ? route.success.status : 200;
	if (isPaged(example)) {
		return {
			status,
			body: pageOf(
				example,
				positiveInteger(query.page) ?? 1,
				positiveInteger(query.itemsPerPage),
				pagedTotal,
			),
		};
	}
	return { status, body: status === 204 ? undefined : structuredClone(example) };
}

module.exports = { findOperation, answerOperation, operations: routes, PAGED_TOTAL };
