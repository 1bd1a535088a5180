/** The exact requests of the Eduzz node's Blinket operations (events, attendees, attendance tags), against the fake Eduzz. */
import type { IDataObject } from 'n8n-workflow';

import { startEduzzApi, AUTH } from '../../support/eduzzNode';
import { PAGED_TOTAL } from '../../../tooling/eduzzPublicApi';
import { EXAMPLES } from '../../../tooling/deliveries';

type Api = Awaited<ReturnType<typeof startEduzzApi>>;

const BLINKET = '/blinket/v1';
const auth = AUTH;

const TAG = {
	id: '795ad3b7-6dc6-4f7b-8418-c2e496f99481',
	color: '#FF0000',
	createdAt: '2021-06-07T16:03:01Z',
	modifiedAt: '2021-06-07T16:03:01Z',
};
/** The Blinket samples' event and attendee: the stand-in holds them. */
interface AttendanceSample {
	event: { id: string };
	participant: { inviteKey: string; name: string; tags: Array<{ id: string } & IDataObject> };
}
// EXAMPLES is typed `Record<string, unknown>` (tooling/deliveries.js); the fixture's attendance_added data has this shape.
const { event: SAMPLE_EVENT, participant: PARTICIPANT } = EXAMPLES[
	'blinket.attendance_added'
] as AttendanceSample;
/** The event of Eduzz's example answer to GET /blinket/v1/events/:id. */
const EVENT_ID = '8c6c142c-48a7-4017-970c-cadc5ece398b';
const ATTENDEE = {
	id: '94cdde8d-9d2f-4741-bec4-29b59d1a4307',
	inviteKey: '22758953',
	name: 'Jhon Doe',
	document: '21847336957',
	documentType: 'cpf',
	email: 'jhon_doe@eduzz.com',
	status: 'presence_confirmed',
	manuallyCreated: true,
	modifiedAt: '2024-02-28T15:59:16Z',
	eduzzId: '34457160',
	invoiceId: '123456',
};

describe('Eduzz node: Blinket', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startEduzzApi();
	});
	afterAll(() => api.close());

	it.each([
		[
			'event get, simplified',
			{ resource: 'blinketEvent', operation: 'get', eventId: EVENT_ID },
			[{ method: 'GET', path: `${BLINKET}/events/${EVENT_ID}`, query: {}, auth }],
			[
				{
					id: '8c6c142c-48a7-4017-970c-cadc5ece398b',
					title: 'Festa do Chapéu Peça Única',
					type: 'presential',
					startAt: '2018-12-04T11:00:00Z',
					endAt: '2018-12-04T21:00:00Z',
					isLive: false,
					saleUrl: 'festa_do_chapéu_peça_única',
					streamUrl: null,
					place: 'Eduzz',
					city: 'Sorocaba',
					state: 'SP',
					tickets: [
						{
							id: '8c6c142c-4fa6-4b8a-979a-1504f9acf16d',
							name: 'Cortesia',
							isPaid: true,
							isActive: true,
						},
					],
				},
			],
		],
		[
			'event get, raw',
			{ resource: 'blinketEvent', operation: 'get', eventId: EVENT_ID, simplify: false },
			[{ method: 'GET', path: `${BLINKET}/events/${EVENT_ID}`, query: {}, auth }],
			[
				expect.objectContaining({
					id: '8c6c142c-48a7-4017-970c-cadc5ece398b',
					tickets: [
						expect.objectContaining({ lots: [expect.objectContaining({ value: 5656.56 })] }),
					],
				}),
			],
		],
		[
			'event getAll with a limit',
			{ resource: 'blinketEvent', operation: 'getAll', limit: 4 },
			[{ method: 'GET', path: `${BLINKET}/events`, query: { itemsPerPage: '4' }, auth }],
			4,
		],
		[
			'attendee getAll of an event, simplified',
			{ resource: 'blinketAttendee', operation: 'getAll', eventId: EVENT_ID, limit: 1 },
			[
				{
					method: 'GET',
					path: `${BLINKET}/attendance-list/by-event/${EVENT_ID}`,
					query: { itemsPerPage: '1' },
					auth,
				},
			],
			[
				{
					id: '9b71e953-10b7-464b-b6ca-910ab3036372',
					inviteKey: '17365353',
					name: 'Palestra xpto',
					email: 'test@test.com',
					phone: '11999999999',
					document: '12345678901',
					documentType: 'cpf',
					status: 'presence_confirmed',
					ticketName: 'Padrão',
					checkinDate: '2024-02-28 12:51:21',
					eventId: '9b71df82-3be8-41fc-ba9a-d4f567ec118b',
					invoiceId: '51107645',
					invoiceAmount: 90,
					tags: ['tag1', 'tag2'],
				},
			],
		],
		[
			'attendee getAll, raw',
			{
				resource: 'blinketAttendee',
				operation: 'getAll',
				eventId: SAMPLE_EVENT.id,
				simplify: false,
			},
			[
				{
					method: 'GET',
					path: `${BLINKET}/attendance-list/by-event/${SAMPLE_EVENT.id}`,
					query: { itemsPerPage: '50' },
					auth,
				},
			],
			50,
		],
		[
			'attendee create with every field',
			{
				resource: 'blinketAttendee',
				operation: 'create',
				eventId: 'ev1',
				ticketId: 'tk1',
				name: 'Jhon Doe',
				email: 'jhon_doe@eduzz.com',
				additionalFields: {
					document: 'AB123456',
					documentType: 'passport',
					phone: '11999999999',
					useStock: false,
				},
			},
			[
				{
					method: 'POST',
					path: `${BLINKET}/attendance-list/add-manually`,
					query: {},
					body: {
						eventId: 'ev1',
						ticketId: 'tk1',
						name: 'Jhon Doe',
						email: 'jhon_doe@eduzz.com',
						document: 'AB123456',
						documentType: 'passport',
						phone: '11999999999',
						useStock: false,
					},
					auth,
				},
			],
			[{ ...ATTENDEE, phoneNumber: '1199999999' }],
		],
		[
			'attendee update by invite key',
			{
				resource: 'blinketAttendee',
				operation: 'update',
				inviteKey: '22758953',
				updateFields: {
					name: 'Maria',
					email: 'maria@example.com',
					phone: '11888888888',
					document: '12345678910',
					documentType: 'cpf',
				},
			},
			[
				{
					method: 'PUT',
					path: `${BLINKET}/attendance-list/update-by-invitekey/22758953`,
					query: {},
					body: {
						name: 'Maria',
						email: 'maria@example.com',
						phone: '11888888888',
						document: '12345678910',
						documentType: 'cpf',
					},
					auth,
				},
			],
			[{ ...ATTENDEE, phone: '1199999999' }],
		],
		[
			'attendee check-in undone for several invite keys',
			{
				resource: 'blinketAttendee',
				operation: 'checkIn',
				inviteKeys: '430794, 22758953,',
				checkin: false,
			},
			[
				{
					method: 'PUT',
					path: `${BLINKET}/attendance-list/check-in`,
					query: {},
					body: {
						attendances: [{ inviteKey: '430794' }, { inviteKey: '22758953' }],
						checkin: false,
					},
					auth,
				},
			],
			[{ success: true }],
		],
		[
			'attendee resend ticket e-mail',
			{
				resource: 'blinketAttendee',
				operation: 'resendTicket',
				eventId: 'ev1',
				userEmail: 'jhon_doe@eduzz.com',
			},
			[
				{
					method: 'POST',
					path: `${BLINKET}/attendance-list/resend-ticket-email`,
					query: {},
					body: { eventId: 'ev1', userEmail: 'jhon_doe@eduzz.com' },
					auth,
				},
			],
			[{ success: true }],
		],
		[
			'tag getAll',
			{ resource: 'blinketAttendanceTag', operation: 'getAll', limit: 2 },
			[{ method: 'GET', path: `${BLINKET}/attendance-tags`, query: { itemsPerPage: '2' }, auth }],
			[
				{ ...TAG, title: 'Marcador ABC', color: '#0000ff' },
				// The Blinket samples' tag, in the shape of Eduzz's example.
				{ ...TAG, ...PARTICIPANT.tags[0] },
			],
		],
		[
			'tag create with a color',
			{
				resource: 'blinketAttendanceTag',
				operation: 'create',
				title: 'XYZ',
				additionalFields: { color: '#FF0000' },
			},
			[
				{
					method: 'POST',
					path: `${BLINKET}/attendance-tags`,
					query: {},
					body: { title: 'XYZ', color: '#FF0000' },
					auth,
				},
			],
			[{ ...TAG, title: 'XYZ' }],
		],
		[
			'tag update of the title only',
			{
				resource: 'blinketAttendanceTag',
				operation: 'update',
				tagId: TAG.id,
				updateFields: { title: 'ABC' },
			},
			[
				{
					method: 'PUT',
					path: `${BLINKET}/attendance-tags/${TAG.id}`,
					query: {},
					body: { title: 'ABC' },
					auth,
				},
			],
			[{ ...TAG, title: 'ABC' }],
		],
		[
			'tag delete',
			{ resource: 'blinketAttendanceTag', operation: 'delete', tagId: PARTICIPANT.tags[0].id },
			[
				{
					method: 'DELETE',
					path: `${BLINKET}/attendance-tags/${PARTICIPANT.tags[0].id}`,
					query: {},
					auth,
				},
			],
			[{ success: true }],
		],
		[
			'tag getAttendeeIds: one item per ID',
			{ resource: 'blinketAttendanceTag', operation: 'getAttendeeIds', tagId: TAG.id },
			[
				{
					method: 'GET',
					path: `${BLINKET}/attendance-tags/${TAG.id}/attendance-list`,
					query: {},
					auth,
				},
			],
			[
				{ attendanceId: '9bf4dcae-2340-4433-9079-49b7d46396c3' },
				{ attendanceId: '9bf4e8c5-0dbb-4acb-8c4d-cf59a54b3ffc' },
			],
		],
		[
			'tag assign to attendees',
			{
				resource: 'blinketAttendanceTag',
				operation: 'assign',
				tagId: TAG.id,
				attendanceIds: 'a1, a2,,',
			},
			[
				{
					method: 'POST',
					path: `${BLINKET}/attendance-tags/${TAG.id}/attendance-list`,
					query: {},
					body: { attendanceIds: ['a1', 'a2'] },
					auth,
				},
			],
			[{ success: true }],
		],
		[
			'tag remove from attendees',
			{
				resource: 'blinketAttendanceTag',
				operation: 'unassign',
				tagId: TAG.id,
				attendanceIds: 'a1, a2,,',
			},
			[
				{
					method: 'DELETE',
					path: `${BLINKET}/attendance-tags/${TAG.id}/attendance-list`,
					query: {},
					body: { attendanceIds: ['a1', 'a2'] },
					auth,
				},
			],
			[{ success: true }],
		],
	])('%s', async (_label, parameters, requests, output) => {
		const result = await api.run(parameters);
		expect(result.requests).toEqual(requests);
		if (typeof output === 'number') expect(result.items).toHaveLength(output);
		else expect(result.items).toEqual(output);
	});

	it('"Return All" follows every page of an event\'s attendees', async () => {
		const { items, requests } = await api.run({
			resource: 'blinketAttendee',
			operation: 'getAll',
			eventId: SAMPLE_EVENT.id,
			returnAll: true,
		});
		expect(items).toHaveLength(PAGED_TOTAL);
		expect(new Set(items.map((item) => ('id' in item ? item.id : undefined))).size).toBe(
			PAGED_TOTAL,
		);
		const path = `${BLINKET}/attendance-list/by-event/${SAMPLE_EVENT.id}`;
		expect(requests.map((request) => [request.path, request.query])).toEqual([
			[path, { page: '1', itemsPerPage: '100' }],
			[path, { page: '2', itemsPerPage: '100' }],
			[path, { page: '3', itemsPerPage: '100' }],
		]);
		// The sample's attendee is among the sample event's attendees.
		expect(items).toContainEqual(
			expect.objectContaining({ inviteKey: PARTICIPANT.inviteKey, name: PARTICIPANT.name }),
		);
	});

	it.each([
		[
			'an unknown event, its id percent-encoded',
			{ resource: 'blinketEvent', operation: 'get', eventId: 'evento 1/a' },
			{ method: 'GET', path: `${BLINKET}/events/evento%201%2Fa` },
		],
		[
			"an unknown event's attendees",
			{ resource: 'blinketAttendee', operation: 'getAll', eventId: 'ev/1', limit: 1 },
			{ method: 'GET', path: `${BLINKET}/attendance-list/by-event/ev%2F1` },
		],
		[
			'an unknown tag updated',
			{
				resource: 'blinketAttendanceTag',
				operation: 'update',
				tagId: 'tag 1',
				updateFields: { title: 'ABC' },
			},
			{ method: 'PUT', path: `${BLINKET}/attendance-tags/tag%201`, body: { title: 'ABC' } },
		],
		[
			'an unknown tag deleted',
			{ resource: 'blinketAttendanceTag', operation: 'delete', tagId: 'tag/1' },
			{ method: 'DELETE', path: `${BLINKET}/attendance-tags/tag%2F1` },
		],
		[
			'an unknown invite key',
			{
				resource: 'blinketAttendee',
				operation: 'update',
				inviteKey: '00000000',
				updateFields: { name: 'Maria' },
			},
			{ method: 'PUT', path: `${BLINKET}/attendance-list/update-by-invitekey/00000000` },
		],
	])('%s: Eduzz answers 404', async (_label, parameters, request) => {
		await expect(api.run(parameters)).rejects.toMatchObject({
			message: expect.stringContaining('(404)'),
		});
		expect(api.fake.requests.at(-1)).toMatchObject({ ...request, status: 404 });
	});

	it('a token without the scope fails with the scope to add', async () => {
		const limited = await startEduzzApi({ scopes: ['blinket_read'] });
		try {
			await expect(
				limited.run({ resource: 'blinketAttendanceTag', operation: 'create', title: 'XYZ' }),
			).rejects.toMatchObject({
				message: expect.stringContaining('(403)'),
				description: expect.stringContaining('blinket_write'),
			});
			expect(limited.fake.requests.at(-1)).toMatchObject({
				method: 'POST',
				path: `${BLINKET}/attendance-tags`,
				body: { title: 'XYZ' },
			});
		} finally {
			await limited.close();
		}
	});
});
