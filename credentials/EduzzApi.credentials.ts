import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, DEFAULT_BASE_URL } from '../nodes/shared/transport';

/**
 * One credential for both nodes, as n8n's own trigger + node pairs have: the access token calls
 * Eduzz's API (the Eduzz node, automatic registration), the webhook secrets verify deliveries (the
 * Eduzz Trigger). A trigger-only user fills in just the secret.
 */
export class EduzzApi implements ICredentialType {
	name = 'eduzzApi';

	displayName = 'Eduzz API';

	icon: Icon = { light: 'file:eduzz.svg', dark: 'file:eduzz.dark.svg' };

	documentationUrl = 'https://github.com/eduzz-n8n/n8n-nodes-eduzz#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			hint: 'Eduzz console → Aplicativos → Meus aplicativos → Copiar access token',
			description:
				"The token of an Eduzz app, for the Eduzz node and the trigger's automatic registration. The app needs the scopes of the operations you use (README, Operations); the trigger needs webhook_read and webhook_write. Leave it empty if you only receive events with manual registration.",
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			hint: 'Eduzz console → Webhook → Chaves de acesso',
			description:
				'For the Eduzz Trigger with manual registration: the signing key ("Chave de acesso") chosen for the configuration in the Eduzz console. Every delivery is checked against it. Automatic registration fetches its own secret.',
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

	/**
	 * With an access token: asks Eduzz whose token it is (any valid token may). Without one (a
	 * trigger-only credential, whose secret only a signed delivery can check): only checks that
	 * Eduzz's API answers at the Base URL, so such a credential does not show a failing test.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/accounts/v1/me',
			method: 'GET',
			ignoreHttpStatusErrors: '={{ !$credentials.accessToken }}' as unknown as boolean,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Eduzz refused the access token. Copy a fresh token (Eduzz console → Aplicativos → Meus aplicativos → Copiar access token), or leave it empty if you only receive events with manual registration.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Eduzz refused the access token for this call. Check the app in the Eduzz console, then copy a new token.',
				},
			},
		],
	};
}
