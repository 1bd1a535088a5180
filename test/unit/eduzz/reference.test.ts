/**
 * What Eduzz's reference pages say and the node once missed (docs/eduzz-api-reference-check.md):
 * the exact requests of Blinket's event filters, the body of "Remove From Attendees", AlpaClass's
 * `sort` on deliveries, and Blinket's "30 requests/minute" honoured by "Return All", against the
 * stand-in for Eduzz's API (strict about query names and body fields). The rate limit's clock is
 * swapped for one that stands still unless a test moves it, and whose sleep returns at once: the
 * tests see the waits the node asks for and when each request may start, and never wait.
 */
import type { IDataObject } from 'n8n-workflow';

import { BLINKET_RATE_LIMIT } from '../../../nodes/Eduzz/resources/blinket';
import type { WindowClock } from '../../../nodes/shared/parameters';
import { EXAMPLES, moduleUnfinishedData } from '../../../tooling/deliveries';
import { PAGED_TOTAL } from '../../../tooling/eduzzPublicApi';
import { AUTH as auth, byId, startEduzzApi } from '../../support/eduzzNode';

const BLINKET = '/blinket/v1';
const TEAMS = '/alpaclass/v1/producer/teams';
/** The tag of Eduzz's examples and the Blinket samples' event: the stand-in holds them. */
const TAG_ID = '795ad3b7-6dc6-4f7b-8418-c2e496f99481';
// EXAMPLES is typed `Record<string, unknown>` (tooling/deliveries.js); the fixture's attendance_added data has an event.
const EVENT_ID = (EXAMPLES['blinket.attendance_added'] as { event: { id: string } }).event.id;
const SCHOOL_ID = moduleUnfinishedData.team.id;
const MINUTE = 60_000;
/** Pages of a "Return All" over the stand-in's lists (100 items a page). */
const PAGES = Math.ceil(PAGED_TOTAL / 100);

type Api = Awaited<ReturnType<typeof startEduzzApi>>;

describe('Eduzz node: what the reference pages say', () => {
	let api: Api;
	/** The fake time (ms), the waits the node asked for, and the start time of each paced request. */
	let now: number;
	let waits: number[];
	let starts: number[];
	const realClock = BLINKET_RATE_LIMIT.clock;

	beforeAll(async () => {
		api = await startEduzzApi();
	});
	afterAll(() => api.close());

	beforeEach(() => {
		now = 0;
		waits = [];
		starts = [];
		const clock: WindowClock = {
			now: () => now,
			sleep: async (ms) => {
				waits.push(ms);
			},
		};
		BLINKET_RATE_LIMIT.reset();
		BLINKET_RATE_LIMIT.clock = clock;
		const take = BLINKET_RATE_LIMIT.take.bind(BLINKET_RATE_LIMIT);
		jest.spyOn(BLINKET_RATE_LIMIT, 'take').mockImplementation((key) => {
			const wait = take(key);
			starts.push(now + wait);
			return wait;
		});
	});
	afterEach(() => {
		jest.restoreAllMocks();
		BLINKET_RATE_LIMIT.clock = realClock;
		BLINKET_RATE_LIMIT.reset();
	});

	describe('Blinket: the filters of GET /blinket/v1/events', () => {
		const filters = {
			search: 'Chapéu',
			type: 'online',
			startDate: '2024-01-01T00:00:00',
			endDate: '2024-12-31T23:59:59',
		};

		it('sends order, type, search, startDate and endDate as Eduzz names them', async () => {
			const { requests, items } = await api.run({
				resource: 'blinketEvent',
				operation: 'getAll',
				limit: 5,
				filters,
				options: { order: 'desc' },
			});
			expect(requests).toEqual([
				{
					method: 'GET',
					path: `${BLINKET}/events`,
					query: { itemsPerPage: '5', ...filters, order: 'desc' },
					auth,
				},
			]);
			expect(items).toHaveLength(5);
			// "Limit" is one request: it takes no slot of the rate limit.
			expect(starts).toEqual([]);
		});

		it('"Return All" keeps the filters on every page', async () => {
			const { requests, items } = await api.run({
				resource: 'blinketEvent',
				operation: 'getAll',
				returnAll: true,
				filters: { type: 'presential' },
				options: { order: 'asc' },
			});
			expect(items).toHaveLength(PAGED_TOTAL);
			expect(requests.map((request) => request.query)).toEqual(
				Array.from({ length: PAGES }, (_, index) => ({
					type: 'presential',
					order: 'asc',
					page: String(index + 1),
					itemsPerPage: '100',
				})),
			);
			// Each page took a slot; fewer than 30 pages need no wait.
			expect(starts).toEqual(Array(PAGES).fill(0));
			expect(waits).toEqual([]);
		});
	});

	it('Blinket: "Remove From Attendees" sends the attendees to unlink, as DELETE\'s body', async () => {
		const { requests, items } = await api.run({
			resource: 'blinketAttendanceTag',
			operation: 'unassign',
			tagId: TAG_ID,
			attendanceIds: '9bf4dcae-2340-4433-9079-49b7d46396c3, 9bf4e8c5-0dbb-4acb-8c4d-cf59a54b3ffc,',
		});
		expect(requests).toEqual([
			{
				method: 'DELETE',
				path: `${BLINKET}/attendance-tags/${TAG_ID}/attendance-list`,
				query: {},
				body: {
					attendanceIds: [
						'9bf4dcae-2340-4433-9079-49b7d46396c3',
						'9bf4e8c5-0dbb-4acb-8c4d-cf59a54b3ffc',
					],
				},
				auth,
			},
		]);
		expect(items).toEqual([{ success: true }]);
	});

	it.each([
		['deliveries', { operation: 'getAll' }, `${TEAMS}/${SCHOOL_ID}/deliveries`],
		[
			"a delivery's courses",
			{ operation: 'getCourses', deliveryId: '1' },
			`${TEAMS}/${SCHOOL_ID}/deliveries/1/courses`,
		],
	])('AlpaClass: the list of %s sends `sort`', async (_label, parameters, path) => {
		const { requests } = await api.run({
			resource: 'alpaclassDelivery',
			teamId: byId(SCHOOL_ID),
			limit: 2,
			options: { sort: 'name:asc,platform:desc' },
			...parameters,
		});
		expect(requests).toEqual([
			{
				method: 'GET',
				path,
				query: { itemsPerPage: '2', sort: 'name:asc,platform:desc' },
				auth,
			},
		]);
	});

	describe("Blinket's 30 requests a minute, honoured by Return All", () => {
		const attendees = {
			resource: 'blinketAttendee',
			operation: 'getAll',
			eventId: EVENT_ID,
			returnAll: true,
		};
		/** 11 Return Alls of 3 pages: 33 requests, 3 more than a minute allows. */
		const RUNS = Math.ceil(31 / PAGES);
		const path = `${BLINKET}/attendance-list/by-event/${EVENT_ID}`;

		/** At most 30 of the `starts` in any minute: each is a minute or more after the one 30 before it. */
		function expectWithinTheLimit(times: number[]) {
			const sorted = [...times].sort((a, b) => a - b);
			for (let index = 30; index < sorted.length; index++) {
				expect(sorted[index] - sorted[index - 30]).toBeGreaterThanOrEqual(MINUTE);
			}
		}

		it('items of one execution, run at the same time, share the minute: the 31st request waits, none fails', async () => {
			const input = Array.from({ length: RUNS }, (_, index) => ({ json: { index } }));
			const { items, requests } = await api.run(attendees, { input });
			expect(items).toHaveLength(RUNS * PAGED_TOTAL);
			expect(requests).toHaveLength(RUNS * PAGES);
			expect(new Set(requests.map((request) => request.path))).toEqual(new Set([path]));
			// The stand-in got every page of every item.
			const pages = requests.map((request) => request.query.page).sort();
			expect(pages).toEqual(
				Array.from({ length: RUNS * PAGES }, (_, index) => String((index % PAGES) + 1)).sort(),
			);
			// 30 requests start at once; the 3 others wait a minute for a slot.
			expect(starts).toHaveLength(RUNS * PAGES);
			expect(starts.filter((start) => start === 0)).toHaveLength(30);
			expect(waits).toEqual([MINUTE, MINUTE, MINUTE]);
			expectWithinTheLimit(starts);
		});

		it('executions one after the other share it too (one window per Eduzz credential)', async () => {
			for (let run = 0; run < RUNS; run++) {
				const { requests } = await api.run(attendees);
				expect(requests).toHaveLength(PAGES);
			}
			// 30 requests start at time 0; the 31st and later wait for the minute to pass.
			expect(starts).toHaveLength(RUNS * PAGES);
			expect(starts.slice(0, 30)).toEqual(Array(30).fill(0));
			expect(starts.slice(30)).toEqual(Array(RUNS * PAGES - 30).fill(MINUTE));
			expect(waits).toEqual(Array(RUNS * PAGES - 30).fill(MINUTE));
			expectWithinTheLimit(starts);
		});

		it('a Return All of another product takes no slot and never waits', async () => {
			const { items } = await api.run({
				resource: 'alpaclassStudent',
				operation: 'getAll',
				teamId: byId(SCHOOL_ID),
				returnAll: true,
			});
			expect(items).toHaveLength(PAGED_TOTAL);
			expect(starts).toEqual([]);
			expect(waits).toEqual([]);
		});

		it('slots free up as the minute passes', async () => {
			for (let run = 0; run < 10; run++) await api.run(attendees);
			// 30 requests at time 0; a minute later the window is empty again.
			now += MINUTE;
			const { items } = await api.run(attendees);
			expect((items as IDataObject[]).length).toBe(PAGED_TOTAL);
			expect(waits).toEqual([]);
			expect(starts.slice(30)).toEqual(Array(PAGES).fill(MINUTE));
		});
	});
});
