import { getSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import {
	deepCopy,
	FROM_AI_AUTO_GENERATED_MARKER,
	NodeConnectionTypes,
	NodeHelpers,
	nodeNameToToolName,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import { FROM_AI_MARKER, fromAiKey } from '../../nodes/Eduzz/toolVariant';

/*
 * What an AI Agent's model (or an MCP client) is offered of each Eduzz operation, worked out with
 * n8n's own functions, as n8n 2.41.1 does it:
 * - the node type "Eduzz Tool": `convertNodeToAiTool` (n8n cli, dist/tool-generation/ai-tools.js),
 *   rebuilt below: the node type's name + "Tool", no inputs, an `ai_tool` output, and the
 *   "Tool Description" parameters (Set Automatically by default);
 * - the node's name when it is added for an operation: `NodeHelpers.makeNodeName` (n8n-workflow
 *   node-helpers.js): `<action> in Eduzz` for a tool; the tool's name is that name through
 *   `nodeNameToToolName` (tool-helpers.js: `_` for other characters, 64 at most);
 * - the tool's description: `NodeHelpers.getToolDescriptionForNode` → `makeDescription`:
 *   `<action> in Eduzz` while the description is set automatically;
 * - the tool's parameters: `getSchema` (n8n-core, create-node-as-tool.js), from the node's
 *   parameters with their defaults as n8n's Workflow fills them (`NodeHelpers.getNodeParameters`).
 * `createNodeAsTool` puts these into the tool (create-node-as-tool.js, `createTool`).
 */

const PACKAGE = 'n8n-nodes-eduzz';

/** The Eduzz Tool node type, as `convertNodeToAiTool` makes it of the Eduzz node. */
function eduzzTool(): INodeType {
	const description = deepCopy(new Eduzz().description) as INodeTypeDescription;
	description.name = `${PACKAGE}.${description.name}Tool`;
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	};
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		required: true,
		displayOptions: { show: { descriptionType: ['manual'] } },
	};
	description.properties.unshift(descriptionType, toolDescription);
	return { description };
}

const tool = eduzzTool();

interface Offered {
	operation: string;
	action: string;
	toolName: string;
	description: string;
	parameters: Record<string, { type: string; description?: string }>;
}

/** Every resource and operation, with what the model is offered for it. */
function offers(): Offered[] {
	const { properties } = tool.description;
	const resources = properties.find((p) => p.name === 'resource')!
		.options as INodePropertyOptions[];
	return resources.flatMap((resource) => {
		const picker = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
		)!;
		return (picker.options as INodePropertyOptions[]).map((operation) => {
			const chosen: INodeParameters = { resource: resource.value, operation: operation.value };
			const name = NodeHelpers.makeNodeName(chosen, tool.description);
			const node: INode = {
				id: '1',
				name,
				type: tool.description.name,
				typeVersion: 1,
				position: [0, 0],
				parameters: NodeHelpers.getNodeParameters(
					properties,
					chosen,
					true,
					false,
					{ typeVersion: 1 },
					tool.description,
				)!,
			};
			return {
				operation: `${resource.value}:${operation.value}`,
				action: operation.action!,
				toolName: nodeNameToToolName(node),
				description: NodeHelpers.getToolDescriptionForNode(node, tool),
				parameters: parametersOf(getSchema(node)),
			};
		});
	});
}

/** The keys of a zod object schema with each one's type and description. */
function parametersOf(schema: ReturnType<typeof getSchema>): Offered['parameters'] {
	const shape = schema.shape as Record<
		string,
		{ description?: string; _def: { typeName: string } }
	>;
	return Object.fromEntries(
		Object.entries(shape).map(([key, value]) => [
			key,
			{ type: value._def.typeName, description: value.description },
		]),
	);
}

const offered = offers();

describe('Eduzz Tool: what the model is offered', () => {
	it('covers every operation of the node', () => {
		expect(offered).toHaveLength(107);
	});

	it('gives no two operations the same tool name', () => {
		const byName = new Map<string, string[]>();
		for (const o of offered)
			byName.set(o.toolName, [...(byName.get(o.toolName) ?? []), o.operation]);
		expect([...byName].filter(([, operations]) => operations.length > 1)).toEqual([]);
	});

	it('gives no two operations the same tool description', () => {
		const byDescription = new Map<string, string[]>();
		for (const o of offered)
			byDescription.set(o.description, [...(byDescription.get(o.description) ?? []), o.operation]);
		expect([...byDescription].filter(([, operations]) => operations.length > 1)).toEqual([]);
	});

	it.each(offered.map((o) => [o.operation, o]))(
		'%s: the whole action is the tool name (64 characters at most) and description',
		(_, o) => {
			expect(o.description).toBe(`${o.action} in Eduzz`);
			// No cut: nodeNameToToolName truncates to 64 characters.
			expect(o.toolName).toBe(`${o.action} in Eduzz`.replace(/[^a-zA-Z0-9_-]+/g, '_'));
			expect(o.toolName.length).toBeLessThanOrEqual(64);
		},
	);

	it.each(offered.map((o) => [o.operation, o]))(
		'%s: every parameter the model fills is described, an ID as an ID',
		(_, o) => {
			for (const [key, parameter] of Object.entries(o.parameters)) {
				expect(`${key}: ${parameter.description ?? ''}`).toMatch(/^\w+: \S.{10,}/);
				if (/_IDs?$/.test(key)) expect(parameter.description).toMatch(/\bIDs?\b/);
				// The description is read as text: no expression, no template inside it.
				expect(parameter.description).not.toMatch(/\{\{|\}\}|\$json|\$\{|`|\\/);
			}
		},
	);

	it('names, for an ID, the operation that lists it, by an action that exists', () => {
		const actions = new Set(offered.map((o) => o.action));
		const named = offered.flatMap((o) =>
			Object.values(o.parameters).flatMap((parameter) =>
				[...(parameter.description ?? '').matchAll(/"([^"]+)"/g)].map((match) => match[1]),
			),
		);
		expect(named.length).toBeGreaterThan(30);
		expect(named.filter((action) => !actions.has(action))).toEqual([]);
	});

	it('asks the model for the school and the student of an AlpaClass enrollment list, with where they come from', () => {
		const o = offered.find((offer) => offer.operation === 'alpaclassEnrollment:getAll')!;
		expect(o.toolName).toBe('Get_an_AlpaClass_student_s_enrollments_in_a_school_in_Eduzz');
		expect(Object.keys(o.parameters).sort()).toEqual(['School_ID', 'Student_ID']);
		expect(o.parameters.School_ID.description).toBe(
			'The AlpaClass school\'s ID. From an AlpaClass event: data.team.id; "Get many AlpaClass schools" lists them.',
		);
		expect(o.parameters.Student_ID.description).toContain(
			'"Get many AlpaClass students of a school" finds it by e-mail',
		);
	});

	it("leaves the cart's postback URL to the user", () => {
		const o = offered.find((offer) => offer.operation === 'sunCart:create')!;
		expect(Object.keys(o.parameters)).toEqual(['Order_ID']);
	});

	it('writes the $fromAI as the editor’s ✨ button does, so the editor shows it as "Defined automatically by the model"', () => {
		expect(FROM_AI_MARKER).toBe(FROM_AI_AUTO_GENERATED_MARKER);
		expect(fromAiKey('Student ID')).toBe('Student_ID');
		const school = tool.description.properties.find(
			(p) =>
				p.name === 'teamId' &&
				p.displayOptions?.show?.['@tool']?.[0] === true &&
				p.displayOptions.show.resource?.includes('alpaclassEnrollment'),
		)!;
		expect(school.default).toEqual({
			__rl: true,
			mode: 'id',
			value: expect.stringMatching(
				/^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('School_ID', `The AlpaClass school's ID\. .*`, 'string'\) \}\}$/,
			),
		});
	});
});

describe('the Eduzz node itself (not the tool)', () => {
	it('keeps its parameters empty: no $fromAI outside Eduzz Tool', () => {
		const eduzz = new Eduzz().description;
		const parameters = NodeHelpers.getNodeParameters(
			eduzz.properties,
			{ resource: 'alpaclassEnrollment', operation: 'getAll' },
			true,
			false,
			{ typeVersion: 1 },
			{ ...eduzz, name: `${PACKAGE}.eduzz` },
		)!;
		expect(JSON.stringify(parameters)).not.toContain('$fromAI');
		expect(parameters.teamId).toMatchObject({ mode: 'list', value: '' });
		expect(parameters.studentId).toBe('');
	});
});

describe('every action', () => {
	/** The product each resource belongs to, as its action names it. */
	const PRODUCTS: Record<string, string> = {
		account: 'Eduzz',
		alpaclass: 'AlpaClass',
		blinket: 'Blinket',
		heycamp: 'HeyCamp',
		myeduzz: 'MyEduzz',
		nutror: 'Nutror',
		safevideo: 'SafeVideo',
		sun: 'Sun',
		webhook: 'Eduzz',
	};

	it.each(offered.map((o) => [o.operation, o.action]))(
		'%s names its product: %s',
		(operation, action) => {
			const product = PRODUCTS[/^[a-z]+/.exec(operation)![0]];
			expect(product).toBeDefined();
			expect(action).toMatch(new RegExp(`\\b${product}\\b`));
		},
	);

	it('is unique', () => {
		const actions = offered.map((o) => o.action);
		expect(actions.filter((action, i) => actions.indexOf(action) !== i)).toEqual([]);
	});
});
