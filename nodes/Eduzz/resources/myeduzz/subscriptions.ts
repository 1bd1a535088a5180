import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	operationOption,
	paginationProperties,
	simplifyProperty,
	type EduzzOperation,
} from '../../operation';
import { textParameter } from '../../parameters';
import {
	MYEDUZZ,
	amount,
	commaSeparatedBody,
	currencyOf,
	endDateOption,
	idOf,
	objectAt,
	phoneOf,
	scalar,
	startDateOption,
} from './shared';

/*
 * MyEduzz subscriptions (assinaturas / contratos): read them and their invoices, cancel, reactivate,
 * change the due day and send the card change e-mail.
 * https://developers.eduzz.com/reference/api/get-myeduzz-v1-subscriptions-id-invoices
 */

const RESOURCE = 'myeduzzSubscription';
const SUBSCRIPTIONS = `${MYEDUZZ}/subscriptions`;
const READ = ['myeduzz_subscriptions_read'];
const WRITE = ['myeduzz_subscriptions_write'];

/** Texts of the subscription's products (a subscription usually has one), joined by commas. */
function joined(products: unknown, field: string): string | null {
	if (!Array.isArray(products)) return null;
	const values = products
		.map((product) => scalar(objectAt(product)[field]))
		.filter((value) => value !== null && value !== '');
	return values.length > 0 ? values.join(', ') : null;
}

/** A subscription as a no-code user reads it first: who pays what, how often, in which state. */
export function simplifySubscription(subscription: IDataObject): IDataObject {
	const client = objectAt(subscription.client);
	const payment = objectAt(subscription.payment);
	const recurrence = objectAt(subscription.recurrence);
	const frequency = objectAt(recurrence.frequency);
	const charges = objectAt(subscription.charges);
	const interruption = objectAt(subscription.interruption);
	return {
		id: idOf(subscription.id),
		status: scalar(subscription.status),
		productId: joined(subscription.products, 'id'),
		productName: joined(subscription.products, 'title') ?? joined(subscription.products, 'name'),
		customerName: scalar(client.name),
		customerEmail: scalar(client.email),
		customerPhone: phoneOf(client.phone),
		currency: currencyOf(payment.price),
		price: amount(payment.price),
		paymentMethod: scalar(payment.method),
		installments: scalar(payment.installments),
		frequency: scalar(frequency.type),
		frequencyValue: scalar(frequency.value),
		chargesPaid: scalar(charges.paid),
		chargesTotal: scalar(charges.total),
		createdAt: scalar(subscription.createdAt),
		updatedAt: scalar(subscription.updatedAt),
		startsAt: scalar(recurrence.startsAt),
		nextDueDate: scalar(recurrence.nextDueDate),
		finishesAt: scalar(recurrence.finishesAt),
		interruptionType: scalar(interruption.type),
		interruptedAt: scalar(interruption.createdAt),
		interruptionReason: scalar(interruption.reason),
		removeAccessDate: scalar(interruption.removeAccessDate),
	};
}

const operations: EduzzOperation[] = [
	{
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel subscriptions',
		description:
			'Cancel one or more subscriptions (contracts) at once; Eduzz cancels them in the background',
		method: 'POST',
		path: `${SUBSCRIPTIONS}/bulk-cancel`,
		scopes: WRITE,
		output: 'object',
	},
	{
		name: 'Change Due Day',
		value: 'changeDueDay',
		action: "Request a change of a subscription's due day",
		description:
			'Ask the customer to move the monthly due day (dia de vencimento) of a subscription; Eduzz sends the request to the customer',
		method: 'PUT',
		path: `${SUBSCRIPTIONS}/:id/recurring-date`,
		pathParameters: { id: 'subscriptionId' },
		scopes: WRITE,
		output: 'object',
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a subscription',
		description:
			'Get a subscription with its customer, products, price, recurrence, charges and any cancellation',
		method: 'GET',
		path: `${SUBSCRIPTIONS}/:id`,
		pathParameters: { id: 'subscriptionId' },
		scopes: READ,
		output: 'object',
		simplify: simplifySubscription,
	},
	{
		name: 'Get by Customer',
		value: 'getByCustomer',
		action: "Get a customer's subscriptions",
		description: 'Get a customer by e-mail address with all of their subscriptions',
		method: 'GET',
		path: `${SUBSCRIPTIONS}/customers/:email`,
		pathParameters: { email: 'customerEmail' },
		scopes: READ,
		output: 'object',
	},
	{
		name: 'Get Invoices',
		value: 'getInvoices',
		action: 'Get the invoices of a subscription',
		description:
			'List the invoices (faturas) of a subscription with their status, due date, amount and payment link',
		method: 'GET',
		path: `${SUBSCRIPTIONS}/:id/invoices`,
		pathParameters: { id: 'subscriptionId' },
		scopes: READ,
		output: 'items',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many subscriptions',
		description: 'List your subscriptions created or updated in a period',
		method: 'GET',
		path: SUBSCRIPTIONS,
		scopes: READ,
		output: 'items',
		simplify: simplifySubscription,
	},
	{
		name: 'Reactivate',
		value: 'reactivate',
		action: 'Reactivate a subscription',
		description:
			'Reactivate a canceled subscription (contract); Eduzz reactivates it in the background',
		method: 'POST',
		path: `${SUBSCRIPTIONS}/:id/reactivate`,
		pathParameters: { id: 'subscriptionId' },
		scopes: WRITE,
		output: 'object',
	},
	{
		name: 'Send Card Change Email',
		value: 'sendCardChangeEmail',
		action: 'Send the card change email',
		description: 'E-mail the customer a link to change the credit card that pays a subscription',
		method: 'PUT',
		path: `${SUBSCRIPTIONS}/:id/send-card-change-email`,
		pathParameters: { id: 'subscriptionId' },
		scopes: WRITE,
		output: 'object',
	},
];

export const subscriptionProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myeduzzSubscription'] } },
		options: operations.map(operationOption),
		default: 'get',
	},
	textParameter(
		'Subscription ID',
		'subscriptionId',
		RESOURCE,
		['changeDueDay', 'get', 'getInvoices', 'reactivate', 'sendCardChangeEmail'],
		'The subscription (contract). From a MyEduzz contract trigger item: {{ $json.data.contract.id }}.',
		'e.g. 123456',
	),
	textParameter(
		'Customer Email',
		'customerEmail',
		RESOURCE,
		['getByCustomer'],
		"The customer's e-mail address",
		'e.g. nathan@example.com',
	),
	{
		...textParameter(
			'Subscription IDs',
			'subscriptionIds',
			RESOURCE,
			['cancel'],
			'The subscriptions (contracts) to cancel, separated by commas',
			'e.g. 123456, 123457',
		),
		routing: { send: commaSeparatedBody('subscriptions') },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: [RESOURCE], operation: ['cancel'] } },
		options: [
			{
				displayName: 'Cancel Reason',
				name: 'cancelReason',
				type: 'string',
				default: '',
				placeholder: 'e.g. Problemas com o pagamento.',
				description: 'Why the subscriptions are canceled',
				routing: { send: { type: 'body', property: 'cancelReason' } },
			},
		],
	},
	{
		displayName: 'Due Day',
		name: 'dueDateDay',
		type: 'options',
		required: true,
		displayOptions: { show: { resource: ['myeduzzSubscription'], operation: ['changeDueDay'] } },
		options: [
			{ name: '1', value: '1' },
			{ name: '5', value: '5' },
			{ name: '10', value: '10' },
			{ name: '15', value: '15' },
			{ name: '20', value: '20' },
			{ name: '25', value: '25' },
		],
		default: '10',
		description: 'The new day of the month the subscription is due (dia de vencimento)',
		routing: { send: { type: 'body', property: 'dueDateDay' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: [RESOURCE], operation: ['changeDueDay'] } },
		options: [
			{
				displayName: 'Reason',
				name: 'motive',
				type: 'options',
				options: [
					{
						name: 'Business Negotiation',
						value: 'Negociação comercial',
						description: 'Negociação comercial',
					},
					{
						name: 'Change of Payment Method',
						value: 'Mudança no método de pagamento',
						description: 'Mudança no método de pagamento',
					},
					{
						name: 'Customer Request',
						value: 'Solicitação do cliente',
						description: 'Solicitação do cliente',
					},
					{
						name: "Customer's Financial Reorganization",
						value: 'Reorganização financeira do cliente',
						description: 'Reorganização financeira do cliente',
					},
					{
						name: 'Problems With the Current Due Date',
						value: 'Problemas com a data atual de pagamento',
						description: 'Problemas com a data atual de pagamento',
					},
				],
				default: 'Solicitação do cliente',
				description:
					'Why the due day changes; Eduzz receives the Portuguese reason shown under each option',
				routing: { send: { type: 'body', property: 'motive' } },
			},
		],
	},
	...paginationProperties(RESOURCE, 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [RESOURCE], operation: ['getAll'] } },
		options: [
			{
				displayName: 'Date Type',
				name: 'filterBy',
				type: 'options',
				options: [
					{ name: 'Creation Date', value: 'creation' },
					{ name: 'Update Date', value: 'update' },
				],
				default: 'creation',
				description:
					'Whether Start Date and End Date apply to when subscriptions were created or last updated',
				routing: { send: { type: 'query', property: 'filterBy' } },
			},
			endDateOption('subscriptions'),
			startDateOption('subscriptions'),
		],
	},
	simplifyProperty(RESOURCE, ['get', 'getAll']),
];
