import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	operationOption,
	paginationProperties,
	simplifyProperty,
	type EduzzOperation,
} from '../operation';
import { textParameter } from '../parameters';

/*
 * Blinket, Eduzz's events and tickets: events, their attendees (the attendance list, "lista de
 * participantes") and attendance tags ("marcadores"). https://developers.eduzz.com/reference/api/get-blinket-v1-events
 */

export const blinketResources: INodePropertyOptions[] = [
	{ name: 'Blinket Attendance Tag', value: 'blinketAttendanceTag' },
	{ name: 'Blinket Attendee', value: 'blinketAttendee' },
	{ name: 'Blinket Event', value: 'blinketEvent' },
];

const BLINKET = '/blinket/v1';
const TAG = 'blinketAttendanceTag';
const ATTENDEE = 'blinketAttendee';
const EVENT = 'blinketEvent';

/** A Blinket event in short: what it is, when and where, and its tickets without their lots. */
function simplifyEvent(event: IDataObject): IDataObject {
	const address = (event.address ?? {}) as IDataObject;
	const simplified: IDataObject = {
		id: event.id,
		title: event.title,
		type: event.type,
		startAt: event.startAt,
		endAt: event.endAt,
		isLive: event.isLive,
		saleUrl: event.saleUrl,
		streamUrl: event.streamUrl,
		place: address.place ?? null,
		city: address.city ?? null,
		state: address.state ?? null,
	};
	if (Array.isArray(event.tickets)) {
		simplified.tickets = (event.tickets as IDataObject[]).map((ticket) => ({
			id: ticket.id,
			name: ticket.name,
			isPaid: ticket.isPaid,
			isActive: ticket.isActive,
		}));
	}
	return simplified;
}

/** An attendee in short: who, which ticket, the check-in and the purchase behind it. */
function simplifyAttendee(attendee: IDataObject): IDataObject {
	const amount = attendee.invoiceAmount;
	return {
		id: attendee.id,
		inviteKey: attendee.inviteKey,
		name: attendee.name,
		email: attendee.email,
		phone: attendee.phone,
		document: attendee.document,
		documentType: attendee.documentType,
		status: attendee.status,
		ticketName: attendee.ticketName,
		checkinDate: attendee.checkinDate ?? null,
		eventId: attendee.eventId,
		invoiceId: attendee.invoiceId ?? null,
		invoiceAmount: amount === undefined || amount === null || amount === '' ? null : Number(amount),
		tags: attendee.tags ?? [],
	};
}

const eventOperations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: 'Get an event',
		description: 'Get a Blinket event with its address, tickets and ticket lots',
		method: 'GET',
		path: `${BLINKET}/events/:id`,
		pathParameters: { id: 'eventId' },
		scopes: ['blinket_read'],
		output: 'object',
		simplify: simplifyEvent,
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many events',
		description: 'List your Blinket events',
		method: 'GET',
		path: `${BLINKET}/events`,
		scopes: ['blinket_read'],
		output: 'items',
		simplify: simplifyEvent,
	},
];

const tagOperations: EduzzOperation[] = [
	{
		name: 'Assign to Attendees',
		value: 'assign',
		action: 'Assign a tag to attendees',
		description: 'Assign an attendance tag (marcador) to one or more attendees',
		method: 'POST',
		path: `${BLINKET}/attendance-tags/:id/attendance-list`,
		pathParameters: { id: 'tagId' },
		scopes: ['blinket_read'],
		output: 'object',
	},
	{
		name: 'Create',
		value: 'create',
		action: 'Create an attendance tag',
		description: 'Create an attendance tag (marcador) that can be used in any of your events',
		method: 'POST',
		path: `${BLINKET}/attendance-tags`,
		scopes: ['blinket_write'],
		output: 'object',
	},
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete an attendance tag',
		description: 'Delete an attendance tag and remove it from every attendee that has it',
		method: 'DELETE',
		path: `${BLINKET}/attendance-tags/:id`,
		pathParameters: { id: 'tagId' },
		scopes: ['blinket_write'],
		output: 'object',
	},
	{
		name: 'Get Attendee IDs',
		value: 'getAttendeeIds',
		action: 'Get the attendee IDs of a tag',
		description: 'List the IDs of the attendees an attendance tag is assigned to, one item each',
		method: 'GET',
		path: `${BLINKET}/attendance-tags/:id/attendance-list`,
		pathParameters: { id: 'tagId' },
		scopes: ['blinket_write'],
		output: 'items',
		answer: attendeeIdItems,
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many attendance tags',
		description: 'List your attendance tags (marcadores)',
		method: 'GET',
		path: `${BLINKET}/attendance-tags`,
		scopes: ['blinket_read'],
		output: 'items',
	},
	{
		name: 'Remove From Attendees',
		value: 'unassign',
		action: 'Remove a tag from attendees',
		description:
			'Remove an attendance tag from the attendees it is assigned to (Eduzz documents no way to pick only some)',
		method: 'DELETE',
		path: `${BLINKET}/attendance-tags/:id/attendance-list`,
		pathParameters: { id: 'tagId' },
		scopes: ['blinket_write'],
		output: 'object',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update an attendance tag',
		description: 'Change the title or the color of an attendance tag',
		method: 'PUT',
		path: `${BLINKET}/attendance-tags/:id`,
		pathParameters: { id: 'tagId' },
		scopes: ['blinket_write'],
		output: 'object',
	},
];

const attendeeOperations: EduzzOperation[] = [
	{
		name: 'Check In',
		value: 'checkIn',
		action: 'Check attendees in or out',
		description:
			'Mark the check-in of one or more attendees, by their ticket numbers (invite keys), or undo it',
		method: 'PUT',
		path: `${BLINKET}/attendance-list/check-in`,
		scopes: ['blinket_write'],
		output: 'object',
	},
	{
		name: 'Create',
		value: 'create',
		action: 'Add an attendee to an event',
		description: 'Add an attendee to an event by hand, with a ticket of the event',
		method: 'POST',
		path: `${BLINKET}/attendance-list/add-manually`,
		scopes: ['blinket_read', 'blinket_write'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many attendees of an event',
		description:
			'List the attendees of an event (the attendance list), with their tickets, check-ins and purchases',
		method: 'GET',
		path: `${BLINKET}/attendance-list/by-event/:id`,
		pathParameters: { id: 'eventId' },
		scopes: ['blinket_read'],
		output: 'items',
		simplify: simplifyAttendee,
	},
	{
		name: 'Resend Ticket Email',
		value: 'resendTicket',
		action: 'Resend a ticket by e-mail',
		description: 'Send an attendee their ticket for an event again, by e-mail',
		method: 'POST',
		path: `${BLINKET}/attendance-list/resend-ticket-email`,
		scopes: ['blinket_write'],
		output: 'object',
	},
	{
		name: 'Update',
		value: 'update',
		action: "Update a ticket's holder",
		description:
			"Change the holder's data of a ticket (name, e-mail, phone, document), found by its ticket number (invite key)",
		method: 'PUT',
		path: `${BLINKET}/attendance-list/update-by-invitekey/:id`,
		pathParameters: { id: 'inviteKey' },
		scopes: ['blinket_read', 'blinket_write'],
		output: 'object',
	},
];

/** Eduzz answers the tag's attendee IDs as bare strings; n8n items must be objects. */
function attendeeIdItems(body: unknown): unknown {
	const items = (body as { items?: unknown } | null)?.items;
	if (!Array.isArray(items)) return body;
	return {
		items: items.map((item: unknown) =>
			typeof item === 'object' && item !== null ? item : { attendanceId: item },
		),
	};
}

/** Comma-separated text as an array of trimmed, non-empty values. */
const LIST = '$value.split(",").map((value) => value.trim()).filter((value) => value !== "")';

function bodyText(
	displayName: string,
	name: string,
	description: string,
	placeholder?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		description,
		...(placeholder ? { placeholder } : {}),
		routing: { send: { type: 'body', property: name } },
	};
}

const documentTypeOption: INodeProperties = {
	displayName: 'Document Type',
	name: 'documentType',
	type: 'options',
	default: 'cpf',
	description: 'The kind of document given in Document',
	options: [
		{ name: 'CPF', value: 'cpf' },
		{ name: 'Passport (Passaporte)', value: 'passport' },
	],
	routing: { send: { type: 'body', property: 'documentType' } },
};

const colorOption: INodeProperties = {
	displayName: 'Color',
	name: 'color',
	type: 'color',
	default: '#FF0000',
	description: 'The color of the tag, as a hex code',
	routing: { send: { type: 'body', property: 'color' } },
};

export const blinketProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['blinketEvent'] } },
		options: eventOperations.map(operationOption),
		default: 'getAll',
	},
	textParameter(
		'Event ID',
		'eventId',
		EVENT,
		['get'],
		'The Blinket event',
		'e.g. 8c6c142c-48a7-4017-970c-cadc5ece398b',
	),
	...paginationProperties(EVENT, 'getAll'),
	simplifyProperty(EVENT, ['get', 'getAll']),

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['blinketAttendee'] } },
		options: attendeeOperations.map(operationOption),
		default: 'getAll',
	},
	{
		...textParameter(
			'Event ID',
			'eventId',
			ATTENDEE,
			['create', 'resendTicket'],
			'The Blinket event',
			'e.g. 8c6c142c-48a7-4017-970c-cadc5ece398b',
		),
		routing: { send: { type: 'body', property: 'eventId' } },
	},
	textParameter(
		'Event ID',
		'eventId',
		ATTENDEE,
		['getAll'],
		'The Blinket event whose attendees to list',
		'e.g. 8c6c142c-48a7-4017-970c-cadc5ece398b',
	),
	{
		...textParameter(
			'Ticket ID',
			'ticketId',
			ATTENDEE,
			['create'],
			'The ticket of the event the attendee gets: the ID of one of the tickets the "Get" operation of Blinket Event lists',
		),
		routing: { send: { type: 'body', property: 'ticketId' } },
	},
	{
		...textParameter('Name', 'name', ATTENDEE, ['create'], "The attendee's name"),
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		...textParameter(
			'Email',
			'email',
			ATTENDEE,
			['create'],
			"The attendee's e-mail address",
			'e.g. nathan@example.com',
		),
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		...textParameter(
			'Email',
			'userEmail',
			ATTENDEE,
			['resendTicket'],
			"The attendee's e-mail address, where the ticket is sent",
			'e.g. nathan@example.com',
		),
		routing: { send: { type: 'body', property: 'userEmail' } },
	},
	textParameter(
		'Invite Key',
		'inviteKey',
		ATTENDEE,
		['update'],
		'The ticket number (inviteKey) of the attendee',
		'e.g. 22758953',
	),
	{
		...textParameter(
			'Invite Keys',
			'inviteKeys',
			ATTENDEE,
			['checkIn'],
			'The ticket numbers (inviteKey) of the attendees, separated by commas',
			'e.g. 22758953, 17365353',
		),
		routing: {
			send: {
				type: 'body',
				property: 'attendances',
				value: `={{ ${LIST}.map((inviteKey) => ({ inviteKey })) }}`,
			},
		},
	},
	{
		displayName: 'Checked In',
		name: 'checkin',
		type: 'boolean',
		default: true,
		description: 'Whether to mark the attendees as checked in (or to undo their check-in)',
		displayOptions: { show: { resource: [ATTENDEE], operation: ['checkIn'] } },
		routing: { send: { type: 'body', property: 'checkin' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: [ATTENDEE], operation: ['create'] } },
		options: [
			bodyText(
				'Document',
				'document',
				'Document number: a CPF or a passport number',
				'e.g. 12345678910',
			),
			documentTypeOption,
			bodyText('Phone', 'phone', "The attendee's phone number", 'e.g. 11999999999'),
			{
				displayName: 'Use Stock',
				name: 'useStock',
				type: 'boolean',
				default: true,
				description: "Whether the attendee takes one of the ticket's available places (stock)",
				routing: { send: { type: 'body', property: 'useStock' } },
			},
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: [ATTENDEE], operation: ['update'] } },
		options: [
			bodyText(
				'Document',
				'document',
				'Document number: a CPF or a passport number',
				'e.g. 12345678910',
			),
			documentTypeOption,
			bodyText('Email', 'email', "The ticket holder's e-mail address", 'e.g. nathan@example.com'),
			bodyText('Name', 'name', "The ticket holder's name"),
			bodyText('Phone', 'phone', "The ticket holder's phone number", 'e.g. 11999999999'),
		],
	},
	...paginationProperties(ATTENDEE, 'getAll'),
	simplifyProperty(ATTENDEE, ['getAll']),

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['blinketAttendanceTag'] } },
		options: tagOperations.map(operationOption),
		default: 'getAll',
	},
	textParameter(
		'Tag ID',
		'tagId',
		TAG,
		['assign', 'delete', 'getAttendeeIds', 'unassign', 'update'],
		'The attendance tag (marcador)',
		'e.g. 795ad3b7-6dc6-4f7b-8418-c2e496f99481',
	),
	{
		...textParameter('Title', 'title', TAG, ['create'], 'The name of the tag', 'e.g. VIP'),
		routing: { send: { type: 'body', property: 'title' } },
	},
	{
		...textParameter(
			'Attendee IDs',
			'attendanceIds',
			TAG,
			['assign'],
			'The IDs of the attendees to tag, separated by commas',
			'e.g. 9bf4dcae-2340-4433-9079-49b7d46396c3',
		),
		routing: { send: { type: 'body', property: 'attendanceIds', value: `={{ ${LIST} }}` } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: [TAG], operation: ['create'] } },
		options: [colorOption],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Set at least one: Eduzz refuses an update without title and color',
		displayOptions: { show: { resource: [TAG], operation: ['update'] } },
		options: [colorOption, bodyText('Title', 'title', 'The name of the tag', 'e.g. VIP')],
	},
	...paginationProperties(TAG, 'getAll'),
];
