import {
	Workflow,
	type INode,
	type INodeType,
	type IWorkflowDataProxyAdditionalKeys,
} from 'n8n-workflow';

/**
 * Evaluates `expression` the way n8n evaluates a node's subtitle in the editor (getNodeSubtitle) and
 * a credential test's URL: n8n-workflow's `workflow.expression.getSimpleParameterValue`, in a
 * workflow holding one node of `nodeType` (`node`: its type, version and parameters), with
 * `additionalKeys` as extra variables (`$credentials`).
 */
export function evaluateForNode(
	nodeType: INodeType,
	node: Pick<INode, 'type' | 'typeVersion' | 'parameters'>,
	expression: string | boolean | undefined,
	additionalKeys: IWorkflowDataProxyAdditionalKeys = {},
): unknown {
	const name = 'Node';
	const workflow = new Workflow({
		nodes: [{ id: 'node', name, position: [0, 0], ...node }],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const built = workflow.getNode(name);
	if (!built) throw new Error('the workflow has no node');
	return workflow.expression.getSimpleParameterValue(built, expression, 'internal', additionalKeys);
}
