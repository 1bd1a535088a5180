// @ts-check
'use strict';
/**
 * The Eduzz node's output schemas: `nodes/Eduzz/__schema__/v<x.y.z>/<resource>/<operation>.json`,
 * which n8n's editor (2.x and 1.x) fetches from `/schemas/<node type>/<x.y.z>/<resource>/<operation>.json`
 * to show a node's output fields as a "Preview" in the next node's input panel before anything ran
 * (docs/output-schema.md).
 *
 * One source: what the node outputs. Every operation runs once through n8n-core's RoutingNode
 * (test/support/n8nCoreContexts) against the stand-in for Eduzz's API, which answers with Eduzz's
 * published examples (test/fixtures/eduzz-api.json), with each parameter at its default (so
 * Simplify is on where the operation has it). A JSON Schema of the items it outputs is derived
 * from them: `type` (with `properties` and `items`), the format of n8n-nodes-base's own
 * `__schema__` files. Fields keep the order the node outputs them in.
 *
 *   npm run schemas        rewrites nodes/Eduzz/__schema__ (no build needed: it runs the sources)
 *
 * test/unit/outputSchemas.test.ts runs `generate()` again and fails when the committed files and
 * the node's output drift apart. `n8n-node build` copies `**\/__schema__/**\/*.json` into dist/.
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * Eduzz's documented operations, each with its example answers (JSON of any shape).
 * @type {{ method: string, path: string, responses: { status: number, example?: any }[] }[]}
 */
const apiOperations = require('../test/fixtures/eduzz-api.json');
/** @type {{ name: string, envelope: { data: any } }[]} */
const eventSamples = require('../test/fixtures/eduzz-events.json');

const ROOT = path.resolve(__dirname, '..');
const SCHEMA_DIR = path.join(ROOT, 'nodes', 'Eduzz', '__schema__');

// ---- sample parameters --------------------------------------------------------------------------

/** @typedef {import('n8n-workflow').INodeParameters} Parameters */

/**
 * Eduzz's example answer of `METHOD /path` (its first 2xx response): JSON of any shape.
 * @param {string} name
 * @returns {any}
 */
function exampleOf(name) {
	const operation = apiOperations.find((op) => `${op.method} ${op.path}` === name);
	const success = operation?.responses.find((r) => r.status >= 200 && r.status < 300);
	if (!success) throw new Error(`Eduzz documents no successful answer of ${name}`);
	return success.example;
}
/**
 * The first thing an example lists (its `items`, or itself as an array).
 * @param {string} name
 * @returns {any}
 */
const firstOf = (name) => {
	const example = exampleOf(name);
	return (Array.isArray(example) ? example : example.items)[0];
};
/**
 * An id picked in a resource locator by ID, as n8n stores it.
 * @param {unknown} value
 */
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/**
 * A value for each required parameter, by name: ids of things Eduzz's examples (or the webhook
 * event samples) name, which the stand-in holds, and plain values elsewhere. `generate()` fails on a
 * required parameter missing here, so a new operation's parameters get a value.
 */
const SAMPLE_VALUES = {
	// AlpaClass
	teamId: byId(firstOf('GET /alpaclass/v1/producer/teams').id),
	deliveryId: String(
		exampleOf('GET /alpaclass/v1/producer/teams/:teamId/deliveries/:deliveryId').id,
	),
	studentId: String(firstOf('GET /alpaclass/v1/producer/teams/:teamId/students').id),
	name: 'Jhon Doe',
	email: 'jhon_doe@eduzz.com',
	// Blinket
	tagId: String(firstOf('GET /blinket/v1/attendance-tags').id),
	attendanceIds: String(firstOf('GET /blinket/v1/attendance-tags/:id/attendance-list')),
	eventId: String(exampleOf('GET /blinket/v1/events/:id').id),
	ticketId: 'ticket-1',
	inviteKeys: String(exampleOf('POST /blinket/v1/attendance-list/add-manually').inviteKey),
	inviteKey: String(exampleOf('POST /blinket/v1/attendance-list/add-manually').inviteKey),
	userEmail: 'jhon_doe@eduzz.com',
	title: 'Marcador ABC',
	// HeyCamp: no example names a community, and the stand-in takes any.
	communityId: '1030',
	memberId: String(exampleOf('GET /heycamp/v1/members/:memberId/community/:communityId').id),
	postId: String(firstOf('GET /heycamp/v1/posts/:postId/community/:communityId').id),
	// MyEduzz
	fiscalDocumentId: String(
		firstOf('GET /myeduzz/v1/financial/affiliate/fiscal-documents').document.id,
	),
	customerEmail: String(exampleOf('GET /myeduzz/v1/customers/:email').email),
	productId: byId(exampleOf('GET /myeduzz/v1/products/:id').id),
	saleId: String(exampleOf('GET /myeduzz/v1/sales/:id').id),
	subscriptionId: String(exampleOf('GET /myeduzz/v1/subscriptions/:id').id),
	subscriptionIds: String(exampleOf('GET /myeduzz/v1/subscriptions/:id').id),
	// Nutror
	commentId: String(exampleOf('GET /nutror/v1/comments/:id').id),
	// Eduzz's examples list no answer; the sample of "comment replied" names one.
	answerId: String(
		eventSamples.find((sample) => sample.name === 'nutror.comment_replied')?.envelope.data.comment
			.id,
	),
	text: 'Obrigado pela pergunta!',
	courseId: byId(exampleOf('GET /nutror/v1/courses/:courseId').id),
	moduleId: String(exampleOf('GET /nutror/v1/courses/:courseId/modules/:moduleId').id),
	// No example names an enrollment, and the stand-in takes any.
	enrollmentId: '123456',
	expiredAt: '2025-01-22T00:00:00',
	// SafeVideo
	mediaId: String(firstOf('GET /safevideo/v1/medias/:id').id),
	domains: 'https://eduzz.com',
	// Sun
	orderId: String(exampleOf('POST /sun/v1/cart').orderId),
	postbackUrl: 'https://example.com/postback',
	items: { item: [{ productId: '123456', description: 'My Product', quantity: 1 }] },
	// Webhook configurations (`url` and `configurationId` come from `generate()`'s receiver)
	events: ['myeduzz.invoice_paid'],
};

/**
 * Where a parameter name means another thing of another product.
 * @type {Record<string, Parameters>}
 */
const SAMPLE_VALUES_BY_RESOURCE = {
	nutrorEnrollment: { studentId: String(exampleOf('GET /nutror/v1/students/:id').id) },
	nutrorStudent: { studentId: String(exampleOf('GET /nutror/v1/students/:id').id) },
	myeduzzBuyerFiscalDocument: {
		fiscalDocumentId: String(
			firstOf('GET /myeduzz/v1/financial/buyer/fiscal-documents').document.id,
		),
	},
	myeduzzSubscription: {
		customerEmail: String(exampleOf('GET /myeduzz/v1/subscriptions/customers/:email').email),
	},
};

// ---- the node's operations ----------------------------------------------------------------------

/**
 * @typedef {object} NodeOperation
 * @property {string} resource the resource's value
 * @property {string} operation the operation's value
 * @property {string} method
 * @property {string} url the routing URL, `{{ … $parameter["x"] … }}` as `{x}`
 * @property {import('n8n-workflow').INodeProperties[]} required the required parameters it shows
 * @property {boolean} paged whether it has a Limit (Eduzz's paginated lists)
 */

/**
 * Whether `property` belongs to this resource and operation: the node shows each parameter for
 * resources and operations only (`displayOptions.show.resource` / `.operation`).
 * @param {import('n8n-workflow').INodeProperties} property
 * @param {string} resource
 * @param {string} operation
 */
function shownFor(property, resource, operation) {
	const show = property.displayOptions?.show;
	return (
		show?.resource !== undefined &&
		show.resource.includes(resource) &&
		(show.operation === undefined || show.operation.includes(operation))
	);
}

/**
 * Every operation of the node's description, with what it needs.
 * @param {import('n8n-workflow').INodeTypeDescription} description
 * @returns {NodeOperation[]}
 */
function nodeOperations(description) {
	const { properties } = description;
	/** @type {(property: import('n8n-workflow').INodeProperties) => import('n8n-workflow').INodePropertyOptions[]} */
	const optionsOf = (property) =>
		/** @type {import('n8n-workflow').INodePropertyOptions[]} */ (property.options ?? []);
	const resources = optionsOf(properties.find((p) => p.name === 'resource') ?? properties[0]);
	return resources.flatMap(({ value }) => {
		const resource = String(value);
		const picker = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		if (!picker) throw new Error(`no operation picker for the resource ${resource}`);
		return optionsOf(picker).map((option) => {
			const operation = String(option.value);
			const request = option.routing?.request ?? {};
			return {
				resource,
				operation,
				method: String(request.method),
				url: String(request.url)
					.replace(/^=/, '')
					.replace(/\{\{[^}]*\$parameter\["(\w+)"\][^}]*\}\}/g, '{$1}'),
				required: properties.filter(
					(p) =>
						p.required &&
						p.name !== 'resource' &&
						p.name !== 'operation' &&
						shownFor(p, resource, operation),
				),
				paged: properties.some((p) => p.name === 'limit' && shownFor(p, resource, operation)),
			};
		});
	});
}

/**
 * Eduzz's documented operation behind a node operation (same method, same path shape).
 * @param {{ method: string, url: string }} nodeOperation
 */
function apiOperationOf({ method, url }) {
	/** @param {string} path */
	const shape = (path) => path.replace(/[:{](\w+)}?/g, '*');
	return apiOperations.find((op) => op.method === method && shape(op.path) === shape(url));
}

/**
 * The list in Eduzz's example answer of the node operation (its `items`, or itself), or undefined.
 * @param {NodeOperation} nodeOperation
 * @returns {unknown[] | undefined}
 */
function exampleListOf(nodeOperation) {
	const api = apiOperationOf(nodeOperation);
	const example = api?.responses.find((r) => r.status >= 200 && r.status < 300)?.example;
	const list = Array.isArray(example) ? example : example?.items;
	return Array.isArray(list) ? list : undefined;
}

/**
 * Why an operation gets no schema, or undefined: a list whose example in Eduzz's reference is
 * empty documents no item, and the stand-in can only make one up.
 * @param {NodeOperation} nodeOperation
 */
function withoutSchema(nodeOperation) {
	if (exampleListOf(nodeOperation)?.length === 0)
		return `Eduzz's example of ${nodeOperation.method} ${nodeOperation.url} lists no item`;
	return undefined;
}

// ---- JSON Schema of what the node outputs -------------------------------------------------------

/**
 * @typedef {object} JsonSchema
 * @property {string | string[]} [type]
 * @property {Record<string, JsonSchema>} [properties]
 * @property {JsonSchema} [items]
 */

/**
 * A value's JSON Schema type. A number is `number` even when the example's is whole: an amount of
 * 1000 in an example says nothing of 99.9 (and the editor shows `integer` as a number anyway).
 * @param {unknown} value
 */
function typeOf(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/**
 * The schema of every value in `values` (the values one field takes across the items): each type
 * seen, `null` last (the editor shows a field with the first type of a list); an object's
 * properties and an array's items from all of them.
 * @param {unknown[]} values @returns {JsonSchema}
 */
function schemaOf(values) {
	let types = [...new Set(values.map(typeOf))];
	types = [...types.filter((t) => t !== 'null'), ...types.filter((t) => t === 'null')];
	/** @type {JsonSchema} */
	const schema = { type: types.length === 1 ? types[0] : types };
	if (types.includes('object')) {
		const objects = /** @type {Record<string, unknown>[]} */ (
			values.filter((v) => typeOf(v) === 'object')
		);
		/** @type {Record<string, JsonSchema>} */
		const properties = {};
		for (const key of new Set(objects.flatMap((o) => Object.keys(o))))
			properties[key] = schemaOf(objects.filter((o) => key in o).map((o) => o[key]));
		schema.properties = properties;
	}
	if (types.includes('array')) {
		const elements = values.filter(Array.isArray).flat();
		schema.items = elements.length > 0 ? schemaOf(elements) : {};
	}
	return schema;
}

/**
 * Where `value` does not fit `schema` (each as `path: problem`). With `closed`, an object's field
 * that the schema does not list is a problem too: the preview would not show it.
 * @param {JsonSchema} schema
 * @param {unknown} value
 * @param {{ closed?: boolean }} [options]
 * @param {string} [at] where `value` is, for the messages
 * @returns {string[]}
 */
function problemsOf(schema, value, { closed = false } = {}, at = '$') {
	const types = schema.type === undefined ? undefined : [schema.type].flat();
	const type = typeOf(value);
	const fits = types?.includes(type) || (types?.includes('integer') && Number.isInteger(value));
	if (types && !fits) return [`${at}: ${type}, not ${types.join(' or ')}`];
	/** @type {string[]} */
	const problems = [];
	const { properties, items } = schema;
	if (properties && value !== null && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, field] of Object.entries(value)) {
			if (key in properties)
				problems.push(...problemsOf(properties[key], field, { closed }, `${at}.${key}`));
			else if (closed) problems.push(`${at}.${key}: not in the schema`);
		}
	}
	if (items && Array.isArray(value))
		value.forEach((element, i) =>
			problems.push(...problemsOf(items, element, { closed }, `${at}[${i}]`)),
		);
	return problems;
}

// ---- generation ---------------------------------------------------------------------------------

/**
 * n8n's folder for a node version: 1 → `v1.0.0`, 1.1 → `v1.1.0` (padVersion in n8n-core and the editor).
 * @param {number} version
 */
const versionFolder = (version) =>
	`v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;

/**
 * @typedef {object} Generated
 * @property {Map<string, JsonSchema>} schemas by path relative to nodes/Eduzz/__schema__
 * @property {Map<string, unknown[]>} outputs what each operation output, by the same path
 * @property {{ resource: string, operation: string, reason: string }[]} skipped
 */

/**
 * Runs every operation of the node once and derives its schema.
 *
 * @param {object} options
 * @param {import('n8n-workflow').INodeTypeDescription} options.description the Eduzz node's
 * @param {(parameters: Parameters) => Promise<{ items: unknown[] }>} options.run runs the node
 *   against the stand-in (test/support/eduzzNode's `startEduzzApi().run`)
 * @param {string} options.receiverUrl a URL answering 2xx, for webhook configurations
 * @returns {Promise<Generated>}
 */
async function generate({ description, run, receiverUrl }) {
	const folders = [description.version].flat().map(versionFolder);
	/** @type {Generated['schemas']} */
	const schemas = new Map();
	/** @type {Generated['outputs']} */
	const outputs = new Map();
	/** @type {Generated['skipped']} */
	const skipped = [];
	/** A fresh webhook configuration, made by the node itself, for the operations that need one. */
	const newConfiguration = async () => {
		const { items } = await run({
			resource: 'webhookConfiguration',
			operation: 'create',
			name: 'Output schemas',
			url: receiverUrl,
			events: SAMPLE_VALUES.events,
		});
		return String(/** @type {{ id?: unknown }} */ (items[0]).id);
	};
	for (const op of nodeOperations(description)) {
		const reason = withoutSchema(op);
		if (reason) {
			skipped.push({ resource: op.resource, operation: op.operation, reason });
			continue;
		}
		/** @type {Parameters} */
		const parameters = { resource: op.resource, operation: op.operation };
		/** @type {Parameters} */
		const values = {
			...SAMPLE_VALUES,
			...SAMPLE_VALUES_BY_RESOURCE[op.resource],
			url: receiverUrl,
		};
		for (const property of op.required) {
			if (property.name === 'configurationId')
				parameters.configurationId = await newConfiguration();
			else if (property.name in values) parameters[property.name] = values[property.name];
			else if (property.default === '' || property.default === undefined)
				throw new Error(
					`${op.resource}:${op.operation}: no sample value for the required parameter "${property.name}" (add one to SAMPLE_VALUES in scripts/output-schemas.cjs)`,
				);
		}
		// A paginated list's first page holds Eduzz's example items, then things of the event samples
		// and numbered copies (`3843-2`, a string where Eduzz's id is a number) for "Return All" to
		// follow: the limit keeps the output to Eduzz's own items.
		if (op.paged) parameters.limit = exampleListOf(op)?.length ?? 1;
		const { items } = await run(parameters);
		if (items.length === 0) throw new Error(`${op.resource}:${op.operation} output no item`);
		const schema = schemaOf(items);
		for (const folder of folders) {
			const file = `${folder}/${op.resource}/${op.operation}.json`;
			schemas.set(file, schema);
			outputs.set(file, items);
		}
	}
	return { schemas, outputs, skipped };
}

/** The committed schemas: path relative to nodes/Eduzz/__schema__ → parsed file. */
function readCommitted(dir = SCHEMA_DIR) {
	const found = new Map();
	if (!fs.existsSync(dir)) return found;
	for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath ?? entry.path, entry.name);
		found.set(
			path.relative(dir, file).split(path.sep).join('/'),
			JSON.parse(fs.readFileSync(file, 'utf8')),
		);
	}
	return found;
}

// ---- npm run schemas ----------------------------------------------------------------------------

/**
 * Lets plain Node require the TypeScript sources (the node, test/support): each `.ts` file is
 * transpiled to CommonJS with the project's TypeScript, and `.ts` is tried before `.json`
 * (`nodes/Eduzz/Eduzz.node` names both Eduzz.node.ts and the codex Eduzz.node.json).
 */
function requireTypeScript() {
	/** @type {{ _extensions: Record<string, (module: any, filename: string) => void> }} */
	const Module = /** @type {any} */ (require('node:module'));
	const ts = require('typescript');
	const json = Module._extensions['.json'];
	delete Module._extensions['.json'];
	Module._extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2019,
				esModuleInterop: true,
				resolveJsonModule: true,
			},
		});
		module._compile(outputText, filename);
	};
	Module._extensions['.json'] = json;
}

async function main() {
	requireTypeScript();
	const prettier = require('prettier');
	const { Eduzz } = require('../nodes/Eduzz/Eduzz.node');
	const { startEduzzApi } = require('../test/support/eduzzNode');
	const { startReceiver } = require('../test/support/httpReceiver');
	const api = await startEduzzApi();
	const receiver = await startReceiver(() => ({ status: 200, body: { message: 'ok' } }));
	let generated;
	try {
		generated = await generate({
			description: new Eduzz().description,
			run: (parameters) => api.run(parameters),
			receiverUrl: receiver.url,
		});
	} finally {
		await receiver.close();
		await api.close();
	}
	const { schemas, skipped } = generated;
	const stale = [...readCommitted().keys()].filter((file) => !schemas.has(file));
	for (const file of stale) fs.rmSync(path.join(SCHEMA_DIR, file));
	for (const [file, schema] of schemas) {
		const target = path.join(SCHEMA_DIR, file);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		const options = { ...(await prettier.resolveConfig(target)), filepath: target };
		fs.writeFileSync(target, await prettier.format(JSON.stringify(schema), options));
	}
	const relative = path.relative(ROOT, SCHEMA_DIR);
	console.log(`wrote ${schemas.size} output schemas to ${relative}/`);
	if (stale.length > 0) console.log(`removed ${stale.length}: ${stale.join(', ')}`);
	for (const { resource, operation, reason } of skipped)
		console.log(`no schema for ${resource}:${operation}: ${reason}`);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}

module.exports = {
	generate,
	schemaOf,
	problemsOf,
	readCommitted,
	nodeOperations,
	versionFolder,
	SCHEMA_DIR,
	SAMPLE_VALUES,
};
