// @ts-check
// `npm run fixtures -- <path to Eduzz's openapi.json>`: rewrites the committed Eduzz examples under
// test/fixtures/ from Eduzz's published OpenAPI file (https://developers.eduzz.com/api/openapi).
// The tests only read the committed copies; this script is how they are refreshed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

// The parts of Eduzz's OpenAPI file (and of the crawler's wrapper around it) read below.

/**
 * @typedef {object} MediaContent
 * @property {{ properties?: Record<string, { type?: string }> }} [schema]
 * @property {{ default?: { value?: unknown } }} [examples]
 */

/**
 * @typedef {object} RequestBody
 * @property {string} [description]
 * @property {Record<string, MediaContent>} [content]
 */

/** @typedef {{ description?: string, content?: Record<string, MediaContent> }} Response */

/**
 * @typedef {object} OpenApiSpec
 * @property {Record<string, { post: { requestBody: RequestBody } }>} [webhooks]
 * @property {Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>} [paths]
 */

/**
 * An operation as the crawler lists it beside the spec.
 *
 * @typedef {object} Endpoint
 * @property {string} method
 * @property {string} path
 * @property {string} [summary]
 * @property {Array<{ in: string, name: string }>} parameters
 * @property {RequestBody} [requestBody]
 * @property {Record<string, Response>} responses
 */

/**
 * @param {string} name
 * @param {unknown} value
 */
function write(name, value) {
	fs.writeFileSync(path.join(FIXTURES, name), `${JSON.stringify(value, null, '\t')}\n`);
	console.log(`wrote test/fixtures/${name}`);
}

/**
 * One example delivery per webhook event: `[{ name, description, envelope }]`, in the file's order.
 *
 * @param {OpenApiSpec} spec
 */
function eventExamples(spec) {
	return Object.entries(spec.webhooks ?? {}).map(([name, item]) => {
		const requestBody = item.post.requestBody;
		const envelope = example(requestBody);
		if (envelope === undefined) throw new Error(`webhook ${name} has no default JSON example`);
		return { name, description: requestBody.description, envelope };
	});
}

/**
 * The top-level fields of a JSON request body schema, with their types.
 *
 * @param {RequestBody | undefined} requestBody
 */
function bodyFields(requestBody) {
	const schema = requestBody?.content?.['application/json']?.schema;
	if (!schema?.properties) return requestBody ? {} : null;
	return Object.fromEntries(
		Object.entries(schema.properties).map(([name, field]) => [name, field.type ?? 'object']),
	);
}

/**
 * The default example of a JSON body or answer.
 *
 * @param {RequestBody | Response | undefined} response
 */
function example(response) {
	return response?.content?.['application/json']?.examples?.default?.value;
}

/**
 * Every operation of the API with what the fake Eduzz needs to serve it and check requests: scopes,
 * path parameters, body fields, how many query parameters Eduzz lists (their names are in
 * eduzz-api-query-names.json), and each documented answer with its example.
 *
 * @param {{ endpoints: Endpoint[] }} json
 * @param {OpenApiSpec} spec
 */
function apiOperations(json, spec) {
	return json.endpoints.map((endpoint) => {
		const security = spec.paths?.[endpoint.path]?.[endpoint.method.toLowerCase()]?.security ?? [];
		const scopes = security
			.flatMap((entry) => entry.eduzz_auth ?? [])
			.filter((scope) => scope !== 'none');
		return {
			method: endpoint.method,
			path: endpoint.path,
			summary: endpoint.summary,
			scopes,
			pathParams: endpoint.parameters.filter((p) => p.in === 'path').map((p) => p.name),
			queryCount: endpoint.parameters.filter((p) => p.in === 'query').length,
			body: bodyFields(endpoint.requestBody),
			responses: Object.entries(endpoint.responses).map(([status, response]) => ({
				status: Number(status),
				description: response.description,
				example: example(response) ?? null,
			})),
		};
	});
}

const file = process.argv[2];
if (!file) {
	console.error('usage: npm run fixtures -- <path to Eduzz openapi.json>');
	process.exit(2);
}
const json = JSON.parse(fs.readFileSync(file, 'utf8'));
// Accept the bare document and the { url, spec, endpoints } wrapper a crawler saves.
const spec = json.spec ?? json;
const events = eventExamples(spec);
if (events.length === 0)
	throw new Error(`${file} has no "webhooks" section: is it Eduzz's openapi.json?`);
write('eduzz-events.json', events);
if (!Array.isArray(json.endpoints))
	throw new Error(`${file} has no "endpoints" list: the API operations were not written`);
write('eduzz-api.json', apiOperations(json, spec));
