import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../operation';
import { operationPicker } from '../../shared/parameters';

export const accountResources: INodePropertyOptions[] = [{ name: 'Account', value: 'account' }];

const accountOperations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: 'Get the Eduzz account of the access token',
		description: 'Get the Eduzz account the access token belongs to (ID, name, e-mail)',
		method: 'GET',
		path: '/accounts/v1/me',
		scopes: [],
		output: 'object',
	},
];

export const accountProperties: INodeProperties[] = [
	operationPicker('account', accountOperations.map(operationOption), 'get'),
];
