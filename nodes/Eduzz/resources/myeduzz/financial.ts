import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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
	currencyOf,
	endDateOption,
	idOf,
	objectAt,
	queryOption,
	scalar,
	startDateOption,
} from './shared';

/*
 * MyEduzz financial: the statement (extrato), transfers (saques) to your bank account, and the
 * fiscal documents (notas fiscais) issued to affiliates and to buyers.
 * https://developers.eduzz.com/reference/api/get-myeduzz-v1-financial-transfers
 */

const STATEMENT = 'myeduzzFinancialStatement';
const TRANSFER = 'myeduzzTransfer';
const AFFILIATE_DOCUMENT = 'myeduzzAffiliateFiscalDocument';
const BUYER_DOCUMENT = 'myeduzzBuyerFiscalDocument';
const READ = ['myeduzz_financial_read'];
const WRITE = ['myeduzz_financial_write'];

/** A fiscal document as a no-code user reads it first: which document, for whom, for which sale, how much. */
export function simplifyFiscalDocument(item: IDataObject): IDataObject {
	const document = objectAt(item.document);
	const destination = objectAt(item.destination);
	const sale = objectAt(item.sale);
	const client = objectAt(item.client);
	const product = objectAt(item.product);
	return {
		id: idOf(document.id),
		name: scalar(document.name),
		status: scalar(document.status),
		type: scalar(document.type),
		currency: currencyOf(document.baseValue, document.taxValue, sale.total),
		baseValue: amount(document.baseValue),
		taxValue: amount(document.taxValue),
		emissionDate: scalar(document.emissionDate),
		referenceDate: scalar(document.referenceDate),
		processingDate: scalar(document.processingDate),
		recipientName: scalar(destination.companyName),
		recipientTaxId: idOf(destination.taxId),
		recipientEmail: scalar(destination.email),
		saleId: idOf(sale.id),
		salePaymentDate: scalar(sale.paymentDate),
		saleTotal: amount(sale.total),
		customerId: idOf(client.id),
		customerName: scalar(client.name),
		customerDocument: scalar(client.document),
		customerEmail: scalar(client.email),
		productId: idOf(product.id),
		productName: scalar(product.title),
	};
}

const statementOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many statement entries',
		description:
			'List the entries of your financial statement (extrato): sales, refunds, fees and transfers with their amount and credit date',
		method: 'GET',
		path: '/myeduzz/v2/financial/statement',
		scopes: READ,
		output: 'items',
	},
];

const transferOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many transfers',
		description:
			'List the transfers (saques) from your Eduzz balance to your bank account with their status',
		method: 'GET',
		path: `${MYEDUZZ}/financial/transfers`,
		scopes: READ,
		output: 'items',
	},
];

/** Get Many and Update Status of the fiscal documents issued to `whom` (as in Eduzz's path). */
function fiscalDocumentOperations(whom: 'affiliate' | 'buyer'): EduzzOperation[] {
	return [
		{
			name: 'Get Many',
			value: 'getAll',
			action: `Get many ${whom} fiscal documents`,
			description: `List the fiscal documents (notas fiscais) issued to ${whom}s with the sale, customer and product of each`,
			method: 'GET',
			path: `${MYEDUZZ}/financial/${whom}/fiscal-documents`,
			scopes: READ,
			output: 'items',
			simplify: simplifyFiscalDocument,
		},
		{
			name: 'Update Status',
			value: 'updateStatus',
			action: `Update the status of a ${whom} fiscal document`,
			description: `Set the status of a fiscal document (nota fiscal) issued to ${whom === 'affiliate' ? 'an' : 'a'} ${whom}`,
			method: 'PATCH',
			path: `${MYEDUZZ}/financial/${whom}/fiscal-documents/:id/change-status`,
			pathParameters: { id: 'fiscalDocumentId' },
			scopes: WRITE,
			output: 'object',
		},
	];
}

/** The statuses Eduzz takes for a fiscal document, with Eduzz's Portuguese labels (the lists show those). */
const fiscalDocumentStatuses: INodePropertyOptions[] = [
	{ name: 'Approved (Aprovado)', value: 'approved' },
	{ name: 'Canceled (Cancelado)', value: 'canceled' },
	{ name: 'Deleted (Deletado)', value: 'deleted' },
	{ name: 'File Generated (Arquivo Gerado)', value: 'fileGenerated' },
	{ name: 'New (Novo)', value: 'new' },
	{ name: 'Pending (Pendente)', value: 'pending' },
	{ name: 'Processed (Processado)', value: 'processed' },
	{ name: 'Processing (Processando)', value: 'processing' },
	{ name: 'Waiting for Document (Aguardando Documento)', value: 'waitingDocument' },
];

function fiscalDocumentProperties(resource: string): INodeProperties[] {
	return [
		textParameter(
			'Fiscal Document ID',
			'fiscalDocumentId',
			resource,
			['updateStatus'],
			'The fiscal document (nota fiscal). From a Get Many item: {{ $json.id }} when simplified, {{ $json.document.id }} otherwise.',
			'e.g. 1234567',
		),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			required: true,
			displayOptions: { show: { resource: [resource], operation: ['updateStatus'] } },
			options: fiscalDocumentStatuses,
			default: 'approved',
			description: 'The new status of the fiscal document',
			routing: { send: { type: 'body', property: 'status' } },
		},
		...paginationProperties(resource, 'getAll'),
		simplifyProperty(resource, ['getAll']),
	];
}

export const financialProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myeduzzFinancialStatement'] } },
		options: statementOperations.map(operationOption),
		default: 'getAll',
	},
	...paginationProperties(STATEMENT, 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: [STATEMENT], operation: ['getAll'] } },
		options: [
			endDateOption('entries'),
			queryOption('Sale ID', 'saleId', 'string', 'Only the entries of this sale'),
			startDateOption('entries'),
		],
	},

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myeduzzTransfer'] } },
		options: transferOperations.map(operationOption),
		default: 'getAll',
	},
	...paginationProperties(TRANSFER, 'getAll'),

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myeduzzAffiliateFiscalDocument'] } },
		options: fiscalDocumentOperations('affiliate').map(operationOption),
		default: 'getAll',
	},
	...fiscalDocumentProperties(AFFILIATE_DOCUMENT),

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['myeduzzBuyerFiscalDocument'] } },
		options: fiscalDocumentOperations('buyer').map(operationOption),
		default: 'getAll',
	},
	...fiscalDocumentProperties(BUYER_DOCUMENT),
];
