import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { EVENT_OPTIONS } from '../../shared/events/options';
import { operationOption, type EduzzOperation } from '../operation';
import { textParameter } from '../parameters';

/*
 * Eduzz's webhook configurations (inscrições): which events Eduzz delivers to which URL, the
 * origins and samples of those events, and the secret that signs deliveries.
 * https://developers.eduzz.com/reference/api/post-webhook-v1-subscription
 *
 * Not offered: DELETE /webhook/v1/subscription deletes configurations by URL, but Eduzz does not
 * document how the URL is sent; "Delete" removes one configuration by its ID.
 */

export const webhookResources: INodePropertyOptions[] = [
	{ name: 'Webhook Configuration', value: 'webhookConfiguration' },
	{ name: 'Webhook Origin', value: 'webhookOrigin' },
	{ name: 'Webhook Secret', value: 'webhookSecret' },
];

const SUBSCRIPTION = '/webhook/v1/subscription';

const configurationOperations: EduzzOperation[] = [
	{
		name: 'Create',
		value: 'create',
		action: 'Create a webhook configuration',
		description:
			'Create a webhook configuration that sends the chosen events to a URL; Eduzz creates it disabled',
		method: 'POST',
		path: SUBSCRIPTION,
		scopes: ['webhook_write'],
		output: 'object',
	},
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a webhook configuration',
		description: 'Delete a webhook configuration by its ID',
		method: 'DELETE',
		path: `${SUBSCRIPTION}/:id`,
		pathParameters: { id: 'configurationId' },
		scopes: ['webhook_write'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many webhook configurations',
		description: 'List your webhook configurations with their URL, events and status',
		method: 'GET',
		path: SUBSCRIPTION,
		scopes: ['webhook_read'],
		output: 'items',
	},
	{
		name: 'Send Test Event',
		value: 'sendTest',
		action: 'Send a test event to a webhook configuration',
		description:
			"Make Eduzz deliver a sample of an event to a configuration's URL and return that URL's answer",
		method: 'POST',
		path: `${SUBSCRIPTION}/sample`,
		scopes: ['webhook_read'],
		output: 'object',
	},
	{
		name: 'Set Status',
		value: 'setStatus',
		action: 'Enable or disable a webhook configuration',
		description:
			'Enable or disable a webhook configuration; to enable it, Eduzz first sends a test event that its URL must answer with 2xx',
		method: 'POST',
		path: `${SUBSCRIPTION}/:id/status`,
		pathParameters: { id: 'configurationId' },
		scopes: ['webhook_write'],
		output: 'object',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a webhook configuration',
		description:
			"Replace a webhook configuration's name, URL, events and filters; enable it again afterwards if Eduzz answers it disabled",
		method: 'PUT',
		path: `${SUBSCRIPTION}/:subscriptionId`,
		pathParameters: { subscriptionId: 'configurationId' },
		scopes: ['webhook_write'],
		output: 'object',
	},
];

const originOperations: EduzzOperation[] = [
	{
		name: 'Get Event Sample',
		value: 'getEventSample',
		action: 'Get a sample of an event',
		description: "Get Eduzz's example delivery of a webhook event, to see the data it carries",
		method: 'GET',
		path: '/webhook/v1/origin/sample/:event',
		scopes: [],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many webhook origins',
		description:
			'List the origins (products) of webhook events, each with its events and the metadata keys they can be filtered by',
		method: 'GET',
		path: '/webhook/v1/origin',
		scopes: [],
		output: 'items',
	},
];

const secretOperations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: "Get the app's webhook secret",
		description:
			'Get the secret that signs the deliveries of the webhook configurations your app creates, and its ID',
		method: 'GET',
		path: '/webhook/v1/secret',
		scopes: ['webhook_read'],
		output: 'object',
	},
];

const CONFIGURATION = 'webhookConfiguration';
const DEFAULT_EVENT = 'myeduzz.invoice_paid';

/** Event names as Eduzz takes them in a configuration: `[{ name }]`; an expression may give a comma-separated text. */
const EVENTS_VALUE =
	'={{ (Array.isArray($value) ? $value : String($value).split(",")).map((name) => String(name).trim()).filter((name) => name !== "").map((name) => ({ name })) }}';

/** Filters as Eduzz takes them: `[{ metadata, values: [...] }]`, the values typed separated by commas. */
const FILTERS_VALUE =
	'={{ ($value.filter ?? []).map((filter) => ({ metadata: String(filter.metadata).trim(), values: String(filter.values ?? "").split(",").map((value) => value.trim()).filter((value) => value !== "") })) }}';

/** Name, URL and events: a PUT replaces the whole configuration, so both operations require them. */
function configurationFields(operations: string[]): INodeProperties[] {
	const show = { resource: [CONFIGURATION], operation: operations };
	return [
		{
			...textParameter(
				'Name',
				'name',
				CONFIGURATION,
				operations,
				'Name of the configuration in the Eduzz console',
				'e.g. Paid invoices to n8n',
			),
			routing: { send: { type: 'body', property: 'name' } },
		},
		{
			...textParameter(
				'URL',
				'url',
				CONFIGURATION,
				operations,
				'The URL Eduzz delivers the events to, e.g. the Production URL of an n8n Webhook node',
				'e.g. https://n8n.example.com/webhook/eduzz',
			),
			routing: { send: { type: 'body', property: 'url' } },
		},
		{
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			required: true,
			default: [],
			options: EVENT_OPTIONS,
			description: 'The events Eduzz delivers to the URL',
			displayOptions: { show },
			routing: { send: { type: 'body', property: 'events', value: EVENTS_VALUE } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'fixedCollection',
					placeholder: 'Add Filter',
					typeOptions: { multipleValues: true },
					default: {},
					description: 'Deliver only events whose metadata has one of the given values',
					options: [
						{
							displayName: 'Filter',
							name: 'filter',
							values: [
								{
									displayName: 'Metadata',
									name: 'metadata',
									type: 'string',
									default: '',
									placeholder: 'e.g. productId',
									description:
										"The metadata key to filter on; Webhook Origin → Get Many lists each event's keys",
								},
								{
									displayName: 'Values',
									name: 'values',
									type: 'string',
									default: '',
									placeholder: 'e.g. 123456, 654321',
									description: 'The values to deliver events for, separated by commas',
								},
							],
						},
					],
					routing: { send: { type: 'body', property: 'filters', value: FILTERS_VALUE } },
				},
				{
					displayName: 'Secret ID',
					// Not `secretId`: n8n's lint would hide it as a password, but it is only the secret's ID.
					name: 'signingKeyId',
					type: 'string',
					default: '',
					placeholder: 'e.g. o01re8ty3kanab3ufi5ref0s3',
					description:
						"ID of the webhook secret that signs the deliveries; Webhook Secret → Get returns your app's",
					routing: { send: { type: 'body', property: 'secretId' } },
				},
			],
		},
	];
}

export const webhookProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookConfiguration'] } },
		options: configurationOperations.map(operationOption),
		default: 'getAll',
	},
	textParameter(
		'Configuration ID',
		'configurationId',
		CONFIGURATION,
		['delete', 'setStatus', 'update'],
		'The webhook configuration (inscrição); Get Many lists them',
		'e.g. yaeung4oaxt25pi0bzzycoezf',
	),
	{
		...textParameter(
			'Configuration ID',
			'configurationId',
			CONFIGURATION,
			['sendTest'],
			'The webhook configuration whose URL receives the test',
			'e.g. yaeung4oaxt25pi0bzzycoezf',
		),
		routing: { send: { type: 'body', property: 'subscriptionId' } },
	},
	...configurationFields(['create', 'update']),
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		required: true,
		default: DEFAULT_EVENT,
		options: EVENT_OPTIONS,
		description: 'The event whose sample Eduzz delivers',
		displayOptions: { show: { resource: [CONFIGURATION], operation: ['sendTest'] } },
		routing: { send: { type: 'body', property: 'event' } },
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		required: true,
		options: [
			{
				name: 'Active',
				value: 'active',
				description:
					'Eduzz delivers the events; it first sends a test event that the URL must answer with 2xx',
			},
			{ name: 'Disabled', value: 'disabled', description: 'Eduzz stops delivering the events' },
		],
		default: 'active',
		description: 'The new status of the configuration',
		displayOptions: { show: { resource: [CONFIGURATION], operation: ['setStatus'] } },
		routing: { send: { type: 'body', property: 'status' } },
	},

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookOrigin'] } },
		options: originOperations.map(operationOption),
		default: 'getAll',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		required: true,
		default: DEFAULT_EVENT,
		options: EVENT_OPTIONS,
		description: 'The event to get a sample of',
		displayOptions: { show: { resource: ['webhookOrigin'], operation: ['getEventSample'] } },
	},

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhookSecret'] } },
		options: secretOperations.map(operationOption),
		default: 'get',
	},
];
