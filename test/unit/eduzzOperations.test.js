'use strict';
/**
 * The Eduzz node against Eduzz's API: every operation of Eduzz's OpenAPI file is in the node
 * (or listed below with the reason it cannot be), with the scopes Eduzz requires, and nothing else.
 */
const apiOperations = require('../fixtures/eduzz-api.json');
const { operationsOf } = require('../../scripts/readme-tables.cjs');
const { Workflow } = require('n8n-workflow');

const { Eduzz } = require('../../nodes/Eduzz/Eduzz.node');

/** Operations of Eduzz's API the node does not offer, and why. */
const NOT_IN_THE_NODE = {
	'DELETE /webhook/v1/subscription':
		'Deletes configurations by URL, but Eduzz does not document how the URL is sent; the node deletes a configuration by its ID.',
};

const shape = (method, path) => `${method} ${path.replace(/[:{](\w+)}?/g, '*')}`;
const nodeOperations = operationsOf(new Eduzz().description);
const byShape = new Map(nodeOperations.map((op) => [shape(op.method, op.path), op]));

describe('the Eduzz node covers Eduzz API', () => {
	it.each(apiOperations.map((op) => [`${op.method} ${op.path}`, op]))('%s', (key, op) => {
		const found = byShape.get(shape(op.method, op.path));
		if (key in NOT_IN_THE_NODE) {
			expect(found).toBeUndefined();
			return;
		}
		expect(found).toBeDefined();
		expect([...found.scopes].sort()).toEqual([...op.scopes].sort());
	});

	it('offers nothing Eduzz does not document, and each operation once', () => {
		const documented = new Set(apiOperations.map((op) => shape(op.method, op.path)));
		expect(nodeOperations.filter((op) => !documented.has(shape(op.method, op.path)))).toEqual([]);
		expect(byShape.size).toBe(nodeOperations.length);
	});

	it('describes every operation for people and for AI agents', () => {
		const description = new Eduzz().description;
		const pickers = description.properties.filter((property) => property.name === 'operation');
		for (const operation of pickers.flatMap((picker) => picker.options)) {
			expect(operation.action).toMatch(/^[A-Z]/);
			expect(operation.description.length).toBeGreaterThan(20);
		}
		expect(description.usableAsTool).toBe(true);
	});
});

/**
 * The canvas subtitle for some parameters, worked out as n8n's editor does (getNodeSubtitle in
 * n8n's editor-ui: the node type's `subtitle` through `workflow.expression.getSimpleParameterValue`).
 */
function subtitleFor(parameters) {
	const nodeType = new Eduzz();
	const type = 'n8n-nodes-eduzz.eduzz';
	const workflow = new Workflow({
		nodes: [{ id: 'eduzz', name: 'Eduzz', type, typeVersion: 1, position: [0, 0], parameters }],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode('Eduzz'),
		nodeType.description.subtitle,
		'internal',
		{},
	);
}

/** Every resource and operation of the description, with the names their pickers show. */
function pickerNames() {
	const { properties } = new Eduzz().description;
	const resources = properties.find((property) => property.name === 'resource').options;
	return resources.flatMap((resource) => {
		const picker = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions.show.resource.includes(resource.value),
		);
		return picker.options.map((operation) => [
			`${resource.value} ${operation.value}`,
			{ resource: resource.value, operation: operation.value },
			`${resource.name}: ${operation.name}`,
		]);
	});
}

describe('the Eduzz node on the canvas', () => {
	it.each(pickerNames())('%s is subtitled in the pickers’ words', (_, parameters, expected) => {
		expect(subtitleFor(parameters)).toBe(expected);
	});
});
