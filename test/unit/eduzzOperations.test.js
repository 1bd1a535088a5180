'use strict';
/**
 * The Eduzz node against Eduzz's API: every operation of Eduzz's OpenAPI file is in the node
 * (or listed below with the reason it cannot be), with the scopes Eduzz requires, and nothing else.
 */
const apiOperations = require('../fixtures/eduzz-api.json');
const { operationsOf } = require('../../scripts/readme-tables.cjs');
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

describe('the Eduzz node on the canvas', () => {
	it('has a subtitle in the pickers’ words for every resource and operation', () => {
		const description = new Eduzz().description;
		const names = JSON.parse(/\(\s*(\{.*\})\s*\)\[/.exec(description.subtitle)[1]);
		const resources = description.properties.find((property) => property.name === 'resource');
		const expected = {};
		for (const resource of resources.options) {
			const picker = description.properties.find(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions.show.resource.includes(resource.value),
			);
			for (const operation of picker.options)
				expected[`${resource.value}:${operation.value}`] = `${resource.name}: ${operation.name}`;
		}
		expect(names).toEqual(expected);
	});
});
