import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, EDUZZ_CREDENTIAL_TYPE } from '../shared/transport';
import { listSearch } from '../shared/listSearch';
import { accountProperties, accountResources } from './resources/account';
import { alpaclassProperties, alpaclassResources } from './resources/alpaclass';
import { blinketProperties, blinketResources } from './resources/blinket';
import { heycampProperties, heycampResources } from './resources/heycamp';
import { myeduzzProperties, myeduzzResources } from './resources/myeduzz';
import { nutrorProperties, nutrorResources } from './resources/nutror';
import { safevideoProperties, safevideoResources } from './resources/safevideo';
import { sunProperties, sunResources } from './resources/sun';
import { webhookProperties, webhookResources } from './resources/webhook';
import { withToolVariants } from './toolVariant';

const resources: INodePropertyOptions[] = [
	...accountResources,
	...alpaclassResources,
	...blinketResources,
	...heycampResources,
	...myeduzzResources,
	...nutrorResources,
	...safevideoResources,
	...sunResources,
	...webhookResources,
];

const resourceProperties: INodeProperties[] = [
	...accountProperties,
	...alpaclassProperties,
	...blinketProperties,
	...heycampProperties,
	...myeduzzProperties,
	...nutrorProperties,
	...safevideoProperties,
	...sunProperties,
	...webhookProperties,
];

/**
 * The canvas subtitle in the pickers' words, e.g. "AlpaClass Enrollment: Get Many" rather than
 * the values ("getAll: alpaclassEnrollment"). n8n evaluates it as an expression, so it carries the
 * names as a table, built here from each resource's operation picker.
 * test/unit/eduzzOperations.test.js evaluates it, as n8n does, for every operation.
 */
function subtitleExpression(): string {
	const names: Record<string, string> = {};
	for (const resource of resources) {
		const picker = resourceProperties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		);
		for (const operation of (picker?.options ?? []) as INodePropertyOptions[]) {
			names[`${resource.value}:${operation.value}`] = `${resource.name}: ${operation.name}`;
		}
	}
	const key = '$parameter["resource"] + ":" + $parameter["operation"]';
	const fallback = '$parameter["operation"] + ": " + $parameter["resource"]';
	return `={{ (${JSON.stringify(names)})[${key}] || ${fallback} }}`;
}

export class Eduzz implements INodeType {
	// `subtitle` is computed, see subtitleExpression().
	description: INodeTypeDescription = {
		displayName: 'Eduzz',
		name: 'eduzz',
		icon: { light: 'file:eduzz.svg', dark: 'file:eduzz.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleExpression(),
		description:
			"Use Eduzz's API: AlpaClass, MyEduzz, Nutror, Blinket, SafeVideo, HeyCamp, Sun and webhook configurations",
		defaults: { name: 'Eduzz' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: EDUZZ_CREDENTIAL_TYPE, required: true }],
		requestDefaults: {
			baseURL: BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		},
		// In Eduzz Tool, the IDs and texts an operation requires start as `$fromAI` with their
		// description, for the model: see toolVariant.ts.
		properties: withToolVariants([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources,
				default: 'alpaclassStudent',
			},
			...resourceProperties,
		]),
	};

	methods = {
		listSearch,
	};
}
