import type { INodeProperties, NodeParameterValueType } from 'n8n-workflow';

/*
 * The Eduzz node as "Eduzz Tool", the variant n8n builds of a `usableAsTool` node for AI Agents and
 * the MCP Server Trigger (n8n's `convertNodeToAiTool`, cli `tool-generation/ai-tools.js`: the same
 * properties, the name suffixed with "Tool"). What n8n gives the model of such a node
 * (n8n-core `createNodeAsTool`, `execution-engine/node-execution-context/utils/create-node-as-tool.js`):
 * - the tool's name: the node's name (by default `<action> in Eduzz`, n8n-workflow `makeNodeName`),
 * - its description: `<action> in Eduzz` (`getToolDescriptionForNode` → `makeDescription`),
 * - its parameters: the node's `$fromAI(key, description, type)` calls, and nothing else: neither a
 *   parameter's `description` nor its `hint` reaches the model. The editor's ✨ button writes
 *   `$fromAI('<display name>', '', …)`, an empty description.
 * So in the tool variant each parameter the model fills starts as that ✨ expression with the
 * parameter's description (what it is, where its ID comes from), through n8n's `@tool` display
 * option (n8n-workflow `getPropertyValues`: true when the node type's name ends with "Tool"): the
 * parameter is twice in the description, as it is for the Eduzz node (`'@tool': [false]`) and with
 * the `$fromAI` default for Eduzz Tool (`'@tool': [true]`). The editor shows that default as
 * "Defined automatically by the model", its description editable; a fixed value replaces it.
 */

/**
 * The editor's mark on the `$fromAI` it writes: n8n-workflow's `FROM_AI_AUTO_GENERATED_MARKER`,
 * kept here as text so an n8n without that export still runs the expression.
 */
export const FROM_AI_MARKER = '/*n8n-auto-generated-fromAI-override*/';

/** Parameters the model is not the one to fill, though required: the user sets them. */
const SET_BY_THE_USER = new Set([
	// Where Eduzz notifies the cart's payment: the user's own webhook, not the model's guess.
	'postbackUrl',
]);

const FILLED_BY_THE_MODEL = new Set(['string', 'number', 'dateTime', 'resourceLocator']);

/**
 * The key the editor's ✨ button gives a top-level parameter: its display name, each character
 * other than a-z A-Z 0-9 - as `_`, at most 63 characters (n8n 2.41.1's editor bundle,
 * `assets/focusPanel.store-*.js`, the function that makes the ✨ key from the parameter's path and
 * display name). The same key, so editing the description in the editor keeps it.
 */
export function fromAiKey(displayName: string): string {
	return displayName.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 63);
}

/**
 * What the model reads of a parameter: its description, each `{{ $json.path }}` (a mapping hint
 * for people) as `path`; an expression inside `$fromAI`'s text would end the expression.
 */
export function modelDescription(description: string): string {
	return description.replace(/\{\{\s*\$json\.([\w.[\]]+)\s*\}\}/g, '$1');
}

/** The `$fromAI` type of a parameter type, as the editor's ✨ button chooses it. */
function fromAiType(type: INodeProperties['type']): 'string' | 'number' | 'boolean' {
	return type === 'number' || type === 'boolean' ? type : 'string';
}

/** The expression the editor's ✨ button writes, with `description` for the model. */
export function fromAiExpression(
	displayName: string,
	description: string,
	type: INodeProperties['type'],
): string {
	return `={{ ${FROM_AI_MARKER} $fromAI('${fromAiKey(displayName)}', \`${description}\`, '${fromAiType(type)}') }}`;
}

/** Whether the tool variant lets the model fill the parameter. */
function filledByTheModel(property: INodeProperties): boolean {
	return (
		property.required === true &&
		FILLED_BY_THE_MODEL.has(property.type) &&
		!SET_BY_THE_USER.has(property.name) &&
		property.displayOptions?.show?.['@tool'] === undefined
	);
}

/** The parameter as Eduzz Tool shows it: an ID the model gives, described for the model. */
function toolTwin(property: INodeProperties): INodeProperties {
	// A picker ("School") takes an ID from the model: "School ID", the key `School_ID`.
	const displayName =
		property.type === 'resourceLocator' ? `${property.displayName} ID` : property.displayName;
	const expression = fromAiExpression(
		displayName,
		modelDescription(property.description ?? ''),
		property.type,
	);
	const value: NodeParameterValueType =
		property.type === 'resourceLocator'
			? { __rl: true, mode: 'id', value: expression }
			: expression;
	return {
		...property,
		displayName,
		default: value,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, '@tool': [true] },
		},
	};
}

/**
 * The node's properties with, after each parameter the model fills in Eduzz Tool, its tool twin;
 * the parameter itself shows in the Eduzz node only.
 */
export function withToolVariants(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		if (!filledByTheModel(property)) return [property];
		const forTheNode: INodeProperties = {
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { ...property.displayOptions?.show, '@tool': [false] },
			},
		};
		return [forTheNode, toolTwin(property)];
	});
}
