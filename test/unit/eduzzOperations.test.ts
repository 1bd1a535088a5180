/**
 * The Eduzz node against Eduzz's API: every operation of Eduzz's OpenAPI file is in the node
 * (or listed below with the reason it cannot be), with the scopes Eduzz requires, and nothing else.
 */
import type { INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import apiOperations from '../fixtures/eduzz-api.json';
import { operationsOf } from '../../scripts/readme-tables.cjs';
import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import { evaluateForNode } from '../support/editorExpressions';

/** Operations of Eduzz's API the node does not offer, and why. */
const NOT_IN_THE_NODE: Record<string, string> = {
	'DELETE /webhook/v1/subscription':
		'Deletes configurations by URL, but Eduzz does not document how the URL is sent; the node deletes a configuration by its ID.',
};

const shape = (method: string, path: string) => `${method} ${path.replace(/[:{](\w+)}?/g, '*')}`;
const nodeOperations = operationsOf(new Eduzz().description);
const byShape = new Map(nodeOperations.map((op) => [shape(op.method, op.path), op]));

/** The options of a picker (an `options` parameter), each with its value. */
function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	if (!property) throw new Error('no such picker in the description');
	return (property.options ?? []).filter(
		(option): option is INodePropertyOptions => 'value' in option,
	);
}

describe('the Eduzz node covers Eduzz API', () => {
	it.each(apiOperations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', (key, op) => {
		const found = byShape.get(shape(op.method, op.path));
		if (key in NOT_IN_THE_NODE) {
			expect(found).toBeUndefined();
			return;
		}
		expect(found).toBeDefined();
		expect([...(found?.scopes ?? [])].sort()).toEqual([...op.scopes].sort());
	});

	it('offers nothing Eduzz does not document, and each operation once', () => {
		const documented = new Set(apiOperations.map((op) => shape(op.method, op.path)));
		expect(nodeOperations.filter((op) => !documented.has(shape(op.method, op.path)))).toEqual([]);
		expect(byShape.size).toBe(nodeOperations.length);
	});

	it('describes every operation for people and for AI agents', () => {
		const description = new Eduzz().description;
		const pickers = description.properties.filter((property) => property.name === 'operation');
		for (const operation of pickers.flatMap(optionsOf)) {
			expect(operation.action).toMatch(/^[A-Z]/);
			expect(operation.description?.length).toBeGreaterThan(20);
		}
		expect(description.usableAsTool).toBe(true);
	});
});

/**
 * The canvas subtitle for some parameters, worked out as n8n's editor does (getNodeSubtitle in
 * n8n's editor-ui: the node type's `subtitle` through `workflow.expression.getSimpleParameterValue`).
 */
function subtitleFor(parameters: INode['parameters']) {
	const nodeType = new Eduzz();
	const node = { type: 'n8n-nodes-eduzz.eduzz', typeVersion: 1, parameters };
	return evaluateForNode(nodeType, node, nodeType.description.subtitle);
}

/** Every resource and operation of the description, with the names their pickers show. */
function pickerNames() {
	const { properties } = new Eduzz().description;
	const resources = optionsOf(properties.find((property) => property.name === 'resource'));
	return resources.flatMap((resource) => {
		const picker = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		);
		return optionsOf(picker).map(
			(operation) =>
				[
					`${resource.value} ${operation.value}`,
					{ resource: resource.value, operation: operation.value },
					`${resource.name}: ${operation.name}`,
				] as const,
		);
	});
}

describe('the Eduzz node on the canvas', () => {
	it.each(pickerNames())('%s is subtitled in the pickers’ words', (_, parameters, expected) => {
		expect(subtitleFor(parameters)).toBe(expected);
	});
});
