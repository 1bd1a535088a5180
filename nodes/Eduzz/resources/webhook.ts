import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { EVENT_OPTIONS } from '../../shared/events/options';
import { operationOption, type EduzzOperation } from '../operation';
import {
	choice,
	collection,
	commaList,
	commaSplit,
	field,
	inBody,
	operationPicker,
	required,
	textParameter,
} from '../../shared/parameters';

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
const CONFIGURATION = 'webhookConfiguration';
const ORIGIN = 'webhookOrigin';

const configurationOperations: EduzzOperation[] = [
	{
		name: 'Create',
		value: 'create',
		action: 'Create an Eduzz webhook configuration',
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
		action: 'Delete an Eduzz webhook configuration',
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
		action: 'Get many Eduzz webhook configurations',
		description: 'List your webhook configurations with their URL, events and status',
		method: 'GET',
		path: SUBSCRIPTION,
		scopes: ['webhook_read'],
		output: 'items',
	},
	{
		name: 'Send Test Event',
		value: 'sendTest',
		action: 'Send a test event to an Eduzz webhook configuration',
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
		action: 'Enable or disable an Eduzz webhook configuration',
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
		action: 'Update an Eduzz webhook configuration',
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
		action: 'Get a sample of an Eduzz webhook event',
		description: "Get Eduzz's example delivery of a webhook event, to see the data it carries",
		method: 'GET',
		path: '/webhook/v1/origin/sample/:event',
		scopes: [],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many Eduzz webhook origins',
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
		action: 'Get the Eduzz webhook secret of the app',
		description:
			'Get the secret that signs the deliveries of the webhook configurations your app creates, and its ID',
		method: 'GET',
		path: '/webhook/v1/secret',
		scopes: ['webhook_read'],
		output: 'object',
	},
];

/** Event names as Eduzz takes them in a configuration: `[{ name }]`; an expression may give a comma-separated text. */
const EVENTS_VALUE = commaList('.map((name) => ({ name }))');

/** Filters as Eduzz takes them: `[{ metadata, values: [...] }]`, the values typed separated by commas. */
const FILTERS_VALUE = `={{ ($value.filter ?? []).map((filter) => ({ metadata: String(filter.metadata).trim(), values: ${commaSplit('filter.values ?? ""')} })) }}`;

/** The event pickers: every event Eduzz delivers. */
function eventParameter(resource: string, operation: string, description: string): INodeProperties {
	const event = choice('Event', 'event', description, 'myeduzz.invoice_paid', EVENT_OPTIONS);
	return required(event, resource, [operation]);
}

/** Name, URL and events: a PUT replaces the whole configuration, so both operations require them. */
function configurationFields(operations: string[]): INodeProperties[] {
	return [
		inBody(
			textParameter(
				'Name',
				'name',
				CONFIGURATION,
				operations,
				'Name of the configuration in the Eduzz console',
				'e.g. Paid invoices to n8n',
			),
		),
		inBody(
			textParameter(
				'URL',
				'url',
				CONFIGURATION,
				operations,
				'The URL Eduzz delivers the events to, e.g. the Production URL of an n8n Webhook node',
				'e.g. https://n8n.example.com/webhook/eduzz',
			),
		),
		inBody(
			required(
				{
					displayName: 'Events',
					name: 'events',
					type: 'multiOptions',
					default: [],
					options: EVENT_OPTIONS,
					description: 'The events Eduzz delivers to the URL',
				},
				CONFIGURATION,
				operations,
			),
			'events',
			EVENTS_VALUE,
		),
		collection('additionalFields', CONFIGURATION, operations, [
			inBody(
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
								field(
									'Metadata',
									'metadata',
									'string',
									"The metadata key to filter on; Webhook Origin → Get Many lists each event's keys",
									{ placeholder: 'e.g. productId' },
								),
								field(
									'Values',
									'values',
									'string',
									'The values to deliver events for, separated by commas',
									{ placeholder: 'e.g. 123456, 654321' },
								),
							],
						},
					],
				},
				'filters',
				FILTERS_VALUE,
			),
			inBody(
				// Not `secretId`: n8n's lint would hide it as a password, but it is only the secret's ID.
				field(
					'Secret ID',
					'signingKeyId',
					'string',
					"ID of the webhook secret that signs the deliveries; Webhook Secret → Get returns your app's",
					{ placeholder: 'e.g. o01re8ty3kanab3ufi5ref0s3' },
				),
				'secretId',
			),
		]),
	];
}

/** A configuration's status, and what each means for the deliveries. */
const STATUS = choice('Status', 'status', 'The new status of the configuration', 'active', [
	{
		name: 'Active',
		value: 'active',
		description:
			'Eduzz delivers the events; it first sends a test event that the URL must answer with 2xx',
	},
	{ name: 'Disabled', value: 'disabled', description: 'Eduzz stops delivering the events' },
]);

const CONFIGURATION_EXAMPLE = 'e.g. yaeung4oaxt25pi0bzzycoezf';

export const webhookProperties: INodeProperties[] = [
	operationPicker(CONFIGURATION, configurationOperations.map(operationOption), 'getAll'),
	textParameter(
		'Configuration ID',
		'configurationId',
		CONFIGURATION,
		['delete', 'setStatus', 'update'],
		'The webhook configuration\'s ID (inscrição); "Get many Eduzz webhook configurations" lists them',
		CONFIGURATION_EXAMPLE,
	),
	inBody(
		textParameter(
			'Configuration ID',
			'configurationId',
			CONFIGURATION,
			['sendTest'],
			'The ID of the webhook configuration whose URL receives the test; "Get many Eduzz webhook configurations" lists them',
			CONFIGURATION_EXAMPLE,
		),
		'subscriptionId',
	),
	...configurationFields(['create', 'update']),
	inBody(eventParameter(CONFIGURATION, 'sendTest', 'The event whose sample Eduzz delivers')),
	inBody(required(STATUS, CONFIGURATION, ['setStatus'])),

	operationPicker(ORIGIN, originOperations.map(operationOption), 'getAll'),
	eventParameter(ORIGIN, 'getEventSample', 'The event to get a sample of'),

	operationPicker('webhookSecret', secretOperations.map(operationOption), 'get'),
];
