import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../operation';
import {
	bodyField,
	choice,
	collection,
	commaList,
	dateRange,
	inBody,
	inQuery,
	operationPicker,
	paginationProperties,
	queryField,
	RequestWindow,
	shownFor,
	simplifyProperty,
	textParameter,
} from '../../shared/parameters';

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

/**
 * "Rate limit: 30 requests/minute", stated on each Blinket page of Eduzz's reference that was
 * checked (docs/eduzz-api-reference-check.md), e.g. get-blinket-v1-events: the requests of
 * "Return All" wait for a slot in it. Exported for tests, which swap its clock.
 */
export const BLINKET_RATE_LIMIT = new RequestWindow(30, 60_000);

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
		action: 'Get a Blinket event by ID',
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
		action: 'Get many Blinket events',
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
		action: 'Assign a Blinket attendance tag to attendees',
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
		action: 'Create a Blinket attendance tag',
		description: 'Create an attendance tag (marcador) that can be used in any of your events',
		method: 'POST',
		path: `${BLINKET}/attendance-tags`,
		scopes: ['blinket_write'],
		output: 'object',
	},
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a Blinket attendance tag',
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
		action: 'Get the attendee IDs of a Blinket attendance tag',
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
		action: 'Get many Blinket attendance tags',
		description: 'List your attendance tags (marcadores)',
		method: 'GET',
		path: `${BLINKET}/attendance-tags`,
		scopes: ['blinket_read'],
		output: 'items',
	},
	{
		name: 'Remove From Attendees',
		value: 'unassign',
		action: 'Remove a Blinket attendance tag from attendees',
		description: 'Remove an attendance tag from the attendees you list (their attendance IDs)',
		method: 'DELETE',
		path: `${BLINKET}/attendance-tags/:id/attendance-list`,
		pathParameters: { id: 'tagId' },
		scopes: ['blinket_write'],
		output: 'object',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a Blinket attendance tag',
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
		action: 'Check Blinket attendees in or out by ticket number',
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
		action: 'Add a Blinket attendee to an event',
		description: 'Add an attendee to an event by hand, with a ticket of the event',
		method: 'POST',
		path: `${BLINKET}/attendance-list/add-manually`,
		scopes: ['blinket_read', 'blinket_write'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many Blinket attendees of an event',
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
		action: 'Resend a Blinket ticket by e-mail',
		description: 'Send an attendee their ticket for an event again, by e-mail',
		method: 'POST',
		path: `${BLINKET}/attendance-list/resend-ticket-email`,
		scopes: ['blinket_write'],
		output: 'object',
	},
	{
		name: 'Update',
		value: 'update',
		action: "Update a Blinket ticket's holder by ticket number",
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

const DOCUMENT = bodyField(
	'Document',
	'document',
	'string',
	'Document number: a CPF or a passport number',
	{ placeholder: 'e.g. 12345678910' },
);

const documentTypeOption = inBody(
	choice('Document Type', 'documentType', 'The kind of document given in Document', 'cpf', [
		{ name: 'CPF', value: 'cpf' },
		{ name: 'Passport (Passaporte)', value: 'passport' },
	]),
);

const colorOption: INodeProperties = inBody({
	displayName: 'Color',
	name: 'color',
	type: 'color',
	default: '#FF0000',
	description: 'The color of the tag, as a hex code',
});

const EVENT_ID_EXAMPLE = 'e.g. 8c6c142c-48a7-4017-970c-cadc5ece398b';
const EMAIL_EXAMPLE = 'e.g. nathan@example.com';
const PHONE_EXAMPLE = { placeholder: 'e.g. 11999999999' };

export const blinketProperties: INodeProperties[] = [
	operationPicker(EVENT, eventOperations.map(operationOption), 'getAll'),
	textParameter(
		'Event ID',
		'eventId',
		EVENT,
		['get'],
		'The Blinket event\'s ID; "Get many Blinket events" lists them',
		EVENT_ID_EXAMPLE,
	),
	...paginationProperties(EVENT, 'getAll', BLINKET_RATE_LIMIT),
	collection('filters', EVENT, 'getAll', [
		...dateRange('events'),
		queryField('Search', 'search', 'string', 'Only events matching this term'),
		inQuery(
			choice('Type', 'type', 'Only events of this type', 'presential', [
				{ name: 'Live', value: 'live' },
				{ name: 'Online', value: 'online' },
				{ name: 'Presential (In Person)', value: 'presential' },
			]),
		),
	]),
	collection('options', EVENT, 'getAll', [
		inQuery(
			choice(
				'Order',
				'order',
				'Whether to list the events in ascending or descending order',
				'asc',
				[
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
			),
		),
	]),
	simplifyProperty(EVENT, ['get', 'getAll']),

	operationPicker(ATTENDEE, attendeeOperations.map(operationOption), 'getAll'),
	inBody(
		textParameter(
			'Event ID',
			'eventId',
			ATTENDEE,
			['create', 'resendTicket'],
			'The Blinket event\'s ID; "Get many Blinket events" lists them',
			EVENT_ID_EXAMPLE,
		),
	),
	textParameter(
		'Event ID',
		'eventId',
		ATTENDEE,
		['getAll'],
		'The ID of the Blinket event whose attendees to list; "Get many Blinket events" lists them',
		EVENT_ID_EXAMPLE,
	),
	inBody(
		textParameter(
			'Ticket ID',
			'ticketId',
			ATTENDEE,
			['create'],
			'The ID of the event\'s ticket the attendee gets: one of the tickets "Get a Blinket event by ID" lists',
		),
	),
	inBody(textParameter('Name', 'name', ATTENDEE, ['create'], "The attendee's name")),
	inBody(
		textParameter(
			'Email',
			'email',
			ATTENDEE,
			['create'],
			"The attendee's e-mail address",
			EMAIL_EXAMPLE,
		),
	),
	inBody(
		textParameter(
			'Email',
			'userEmail',
			ATTENDEE,
			['resendTicket'],
			"The attendee's e-mail address, where the ticket is sent",
			EMAIL_EXAMPLE,
		),
	),
	textParameter(
		'Invite Key',
		'inviteKey',
		ATTENDEE,
		['update'],
		'The attendee\'s ticket number (inviteKey); "Get many Blinket attendees of an event" lists them',
		'e.g. 22758953',
	),
	inBody(
		textParameter(
			'Invite Keys',
			'inviteKeys',
			ATTENDEE,
			['checkIn'],
			'The ticket numbers (inviteKey) of the attendees, separated by commas',
			'e.g. 22758953, 17365353',
		),
		'attendances',
		commaList('.map((inviteKey) => ({ inviteKey }))'),
	),
	shownFor(
		bodyField(
			'Checked In',
			'checkin',
			'boolean',
			'Whether to mark the attendees as checked in (or to undo their check-in)',
			{ default: true },
		),
		ATTENDEE,
		['checkIn'],
	),
	collection('additionalFields', ATTENDEE, 'create', [
		DOCUMENT,
		documentTypeOption,
		bodyField('Phone', 'phone', 'string', "The attendee's phone number", PHONE_EXAMPLE),
		bodyField(
			'Use Stock',
			'useStock',
			'boolean',
			"Whether the attendee takes one of the ticket's available places (stock)",
			{ default: true },
		),
	]),
	collection('updateFields', ATTENDEE, 'update', [
		DOCUMENT,
		documentTypeOption,
		bodyField('Email', 'email', 'string', "The ticket holder's e-mail address", {
			placeholder: EMAIL_EXAMPLE,
		}),
		bodyField('Name', 'name', 'string', "The ticket holder's name"),
		bodyField('Phone', 'phone', 'string', "The ticket holder's phone number", PHONE_EXAMPLE),
	]),
	...paginationProperties(ATTENDEE, 'getAll', BLINKET_RATE_LIMIT),
	simplifyProperty(ATTENDEE, ['getAll']),

	operationPicker(TAG, tagOperations.map(operationOption), 'getAll'),
	textParameter(
		'Tag ID',
		'tagId',
		TAG,
		['assign', 'delete', 'getAttendeeIds', 'unassign', 'update'],
		'The ID of the attendance tag (marcador); "Get many Blinket attendance tags" lists them',
		'e.g. 795ad3b7-6dc6-4f7b-8418-c2e496f99481',
	),
	inBody(textParameter('Title', 'title', TAG, ['create'], 'The name of the tag', 'e.g. VIP')),
	inBody(
		textParameter(
			'Attendee IDs',
			'attendanceIds',
			TAG,
			['assign'],
			'The IDs of the attendees to tag, separated by commas; "Get many Blinket attendees of an event" lists them',
			'e.g. 9bf4dcae-2340-4433-9079-49b7d46396c3',
		),
		'attendanceIds',
		commaList(),
	),
	inBody(
		textParameter(
			'Attendee IDs',
			'attendanceIds',
			TAG,
			['unassign'],
			'The IDs of the attendees to remove the tag from, separated by commas',
			'e.g. 9bf4dcae-2340-4433-9079-49b7d46396c3',
		),
		'attendanceIds',
		commaList(),
	),
	collection('additionalFields', TAG, 'create', [colorOption]),
	{
		...collection('updateFields', TAG, 'update', [
			colorOption,
			bodyField('Title', 'title', 'string', 'The name of the tag', { placeholder: 'e.g. VIP' }),
		]),
		description: 'Set at least one: Eduzz refuses an update without title and color',
	},
	...paginationProperties(TAG, 'getAll', BLINKET_RATE_LIMIT),
];
