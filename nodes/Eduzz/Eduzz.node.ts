import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { EDUZZ_CREDENTIAL_TYPE } from '../shared/credential';
import { searchCourses, searchProducts, searchSchools } from './listSearch';
import { accountProperties, accountResources } from './resources/account';
import { alpaclassProperties, alpaclassResources } from './resources/alpaclass';
import { blinketProperties, blinketResources } from './resources/blinket';
import { heycampProperties, heycampResources } from './resources/heycamp';
import { myeduzzProperties, myeduzzResources } from './resources/myeduzz';
import { nutrorProperties, nutrorResources } from './resources/nutror';
import { safevideoProperties, safevideoResources } from './resources/safevideo';
import { sunProperties, sunResources } from './resources/sun';
import { webhookProperties, webhookResources } from './resources/webhook';

export class Eduzz implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eduzz',
		name: 'eduzz',
		icon: { light: 'file:eduzz.svg', dark: 'file:eduzz.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			"Use Eduzz's API: AlpaClass, MyEduzz, Nutror, Blinket, SafeVideo, HeyCamp, Sun and webhook configurations",
		defaults: { name: 'Eduzz' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: EDUZZ_CREDENTIAL_TYPE, required: true }],
		requestDefaults: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.eduzz.com").replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					...accountResources,
					...alpaclassResources,
					...blinketResources,
					...heycampResources,
					...myeduzzResources,
					...nutrorResources,
					...safevideoResources,
					...sunResources,
					...webhookResources,
				],
				default: 'alpaclassStudent',
			},
			...accountProperties,
			...alpaclassProperties,
			...blinketProperties,
			...heycampProperties,
			...myeduzzProperties,
			...nutrorProperties,
			...safevideoProperties,
			...sunProperties,
			...webhookProperties,
		],
	};

	methods = {
		listSearch: { searchCourses, searchProducts, searchSchools },
	};
}
