import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../nodes/shared/credential';

export class EduzzWebhookApi implements ICredentialType {
	name = 'eduzzWebhookApi';

	displayName = 'Eduzz Webhook API';

	icon: Icon = { light: 'file:eduzz.svg', dark: 'file:eduzz.dark.svg' };

	documentationUrl = 'https://github.com/eduzz-n8n/n8n-nodes-eduzz-webhooks#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			hint: 'Eduzz console → Webhook → Chaves de acesso',
			description:
				'The signing key ("Chave de acesso") chosen for this configuration in the Eduzz console. Every delivery is checked against it. Not needed with automatic registration, which fetches the app secret itself.',
		},
		{
			displayName: 'Previous Webhook Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. While you rotate keys, put the old key here: deliveries signed with either key are accepted, so no event is lost. Clear it once the Eduzz configuration uses the new key.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			hint: 'Eduzz console → Meus aplicativos → Copiar access token',
			description:
				'Optional. Needed only for automatic registration: the token of an Eduzz app with the scopes webhook_read and webhook_write.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: "Eduzz's API address. Change it only to test against a local stand-in.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/accounts/v1/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Eduzz refused the access token. Copy a fresh token (Eduzz console → Meus aplicativos → Copiar access token). The token is only needed for automatic registration.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The Eduzz app behind this token lacks a scope: give it webhook_read and webhook_write, then copy a new token.',
				},
			},
		],
	};
}
