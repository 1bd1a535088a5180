/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, ILoadOptionsFunctions, INode, INodeParameters } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';

import { EVENTS, EVENTS_BY_NAME } from '../../nodes/shared/events';
import {
	FILTERS,
	FILTERS_BY_NAME,
	eduzzFilters,
	filteredOut,
	idsAt,
	metadataKeysOf,
	metadataOf,
	sameEduzzFilters,
	type ActiveFilter,
	type FilterName,
} from '../../nodes/shared/events/filters';
import { onlyForProperty, readOnlyFor } from '../../nodes/EduzzTrigger/filters';
import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';
import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import { listSearch } from '../../nodes/shared/listSearch';
import examples from '../fixtures/eduzz-events.json';
import { moduleUnfinished, CURRENT_KEY } from '../fixtures/moduleUnfinished';
import { makeHttpRequestWithAuthentication } from '../support/contextParts';
import { hooksFor } from '../support/mockHookContext';
import { callWebhook, sign, startTriggerReceiver } from '../support/mockWebhookContext';
import type { Receiver } from '../support/httpReceiver';
import { startN8nCore, DEFAULT_WEBHOOK_ID, type N8nCore } from '../support/n8nCoreContexts';
import { fieldAt } from '../support/zodPaths';
import { withEvents, type FakeEduzz } from '../../tooling/fakeEduzz';

const startFakeEduzz = withEvents(EVENTS);

/*
 * "Only For": the table of where each event carries which id (nodes/shared/events/filters.ts), the
 * node's check of every delivery, the filters automatic registration sends to Eduzz, the stand-in
 * Eduzz applying them, and the pickers both nodes share.
 */

const SCHOOL = '16943848cc6495142a8e3011d0173252'; // the AlpaClass examples' school
const OTHER_SCHOOL = 'ffffffffffffffffffffffffffffffff';
const COURSE = '046d47672cf6212d201d6e8b0c191e73';

const example = (event: string): IDataObject =>
	structuredClone(
		(examples as Array<{ name: string; envelope: { data: IDataObject } }>).find(
			(entry) => entry.name === event,
		)!.envelope.data,
	);
const filter = (name: FilterName, ...ids: string[]): ActiveFilter => ({
	filter: FILTERS_BY_NAME.get(name)!,
	ids: new Set(ids),
});
const rl = (value: unknown, mode = 'list') => ({ __rl: true, mode, value });
/** The "Only For" parameter as n8n stores it: each field a list of resource locators. */
const onlyFor = (fields: Partial<Record<FilterName, unknown[]>>) =>
	Object.fromEntries(
		Object.entries(fields).map(([name, values]) => [
			name,
			{ values: values!.map((id) => ({ id })) },
		]),
	) as IDataObject;
const pathOf = (idPath: string) =>
	idPath.split('.').flatMap((step) => (step.endsWith('[]') ? [step.slice(0, -2), 0] : [step]));

describe('the table: where each event carries each id', () => {
	const mapped = FILTERS.flatMap((definition) =>
		Object.entries(definition.paths).map(([event, path]) => [definition.name, event, path]),
	);

	it.each(mapped)(
		'%s: %s carries it at data.%s in its schema and in Eduzz’s example',
		(_name, event, path) => {
			const definition = EVENTS_BY_NAME.get(event);
			expect(definition).toBeDefined();
			expect(fieldAt(definition!.schema, pathOf(path))).toBeDefined();
			expect(idsAt(example(event), path).length).toBeGreaterThan(0);
		},
	);

	it.each(FILTERS.map((definition) => [definition.name, definition]))(
		'%s: every event whose schema has one of its fields is in the table',
		(_name, definition) => {
			const paths = [...new Set(Object.values(definition.paths))];
			const carrying = EVENTS.filter((event) =>
				paths.some((path) => fieldAt(event.schema, pathOf(path)) !== undefined),
			).map((event) => event.name);
			expect(carrying.sort()).toEqual(Object.keys(definition.paths).sort());
		},
	);

	it('covers the families the option names; SafeVideo events carry none of the fields', () => {
		const covered = (name: FilterName) => Object.keys(FILTERS_BY_NAME.get(name)!.paths);
		expect(covered('alpaclassSchools')).toHaveLength(13);
		expect(covered('alpaclassCourses')).not.toContain('alpaclass.student_created');
		expect(covered('nutrorCourses')).toHaveLength(15);
		expect(covered('blinketEvents')).toHaveLength(8);
		expect(covered('myeduzzProducts')).toEqual(
			expect.arrayContaining([
				'myeduzz.invoice_paid',
				'myeduzz.contract_created',
				'sun.cart_abandonment',
			]),
		);
		expect(covered('myeduzzProducts')).not.toContain('myeduzz.commission_processed');
		expect(
			EVENTS.filter((e) => e.product === 'safevideo').flatMap((e) => metadataKeysOf(e.name)),
		).toEqual([]);
	});

	it('idsAt reads nested keys, steps into arrays, turns numbers into text and skips what is missing', () => {
		expect(
			idsAt({ items: [{ productId: 1 }, { productId: 'P2' }, {}] }, 'items[].productId'),
		).toEqual(['1', 'P2']);
		expect(idsAt({ productId: ['984923', 298742] }, 'productId[]')).toEqual(['984923', '298742']);
		expect(idsAt({ team: null }, 'team.id')).toEqual([]);
		expect(idsAt({ team: { id: '' } }, 'team.id')).toEqual([]);
		expect(idsAt('not an object', 'team.id')).toEqual([]);
		expect(idsAt({ items: 'nope' }, 'items[].productId')).toEqual([]);
	});
});

describe.each(['README.md', 'README.pt-BR.md'])('%s', (file) => {
	const markdown = fs.readFileSync(path.resolve(__dirname, '..', '..', file), 'utf8');

	it.each(FILTERS.map((definition) => [definition.displayName, definition]))(
		'the Only For table names every field %s is read from',
		(_name, definition) => {
			const row = markdown
				.split('\n')
				.find((line) => line.startsWith(`| ${definition.displayName}`));
			expect(row).toBeDefined();
			for (const idPath of new Set(Object.values(definition.paths)))
				expect(row).toContain(`\`data.${idPath}\``);
		},
	);
});

describe('matching, per event family', () => {
	it.each([
		[
			'AlpaClass school',
			'alpaclass.student_module_unfinished',
			filter('alpaclassSchools', SCHOOL),
			filter('alpaclassSchools', OTHER_SCHOOL),
			'data.team.id',
		],
		[
			'AlpaClass course',
			'alpaclass.student_lesson_finished',
			filter('alpaclassCourses', COURSE),
			filter('alpaclassCourses', 'other'),
			'data.course.id',
		],
		[
			'MyEduzz product (invoice items)',
			'myeduzz.invoice_paid',
			filter('myeduzzProducts', 'P789'),
			filter('myeduzzProducts', '47998'),
			'data.items[].productId',
		],
		[
			'MyEduzz product (contract products)',
			'myeduzz.contract_created',
			filter('myeduzzProducts', '1234'),
			filter('myeduzzProducts', '47998'),
			'data.products[].id',
		],
		[
			'MyEduzz product (Sun cart)',
			'sun.cart_abandonment',
			filter('myeduzzProducts', '298742'),
			filter('myeduzzProducts', '47998'),
			'data.productId[]',
		],
		[
			'Nutror course',
			'nutror.lesson_watched',
			filter('nutrorCourses', '4bba1d18c02755a13ee97521ae61958c3cf9e665'),
			filter('nutrorCourses', 'other'),
			'data.course.hash',
		],
		[
			'Nutror course (enrollment)',
			'nutror.enrollment_created',
			filter('nutrorCourses', '6b25298f91736fa32da03d986b354c304ee0442d'),
			filter('nutrorCourses', 'other'),
			'data.courses[].hash',
		],
		[
			'Blinket event',
			'blinket.attendance_added',
			filter('blinketEvents', '9b056848-beb0-44ff-9e76-d3ac131b6f50'),
			filter('blinketEvents', 'other'),
			'data.event.id',
		],
	])(
		'%s: the chosen id passes, another is filtered out naming the field',
		(_label, event, chosen, other, field) => {
			const data = example(event);
			expect(filteredOut(event, data, [chosen])).toBeUndefined();
			expect(filteredOut(event, data, [other])).toEqual({ filter: other.filter, field });
		},
	);

	it('several ids in one filter: any of them', () => {
		const data = example('alpaclass.student_module_unfinished');
		expect(
			filteredOut('alpaclass.student_module_unfinished', data, [
				filter('alpaclassSchools', OTHER_SCHOOL, SCHOOL),
			]),
		).toBeUndefined();
	});

	it('several filters: every one that applies must match (the first that fails is named)', () => {
		const event = 'alpaclass.student_module_unfinished';
		const data = example(event);
		const school = filter('alpaclassSchools', SCHOOL);
		expect(filteredOut(event, data, [school, filter('alpaclassCourses', COURSE)])).toBeUndefined();
		expect(filteredOut(event, data, [school, filter('alpaclassCourses', 'other')])).toMatchObject({
			field: 'data.course.id',
		});
		// A Blinket filter does not apply to AlpaClass events.
		expect(filteredOut(event, data, [school, filter('blinketEvents', 'other')])).toBeUndefined();
	});

	describe('events without the field are not dropped: they pass', () => {
		it('an event type that does not carry it (registration in the school has no course)', () => {
			const event = 'alpaclass.student_created';
			expect(
				filteredOut(event, example(event), [filter('alpaclassCourses', 'other')]),
			).toBeUndefined();
			// …while its school is still checked.
			expect(
				filteredOut(event, example(event), [filter('alpaclassSchools', OTHER_SCHOOL)]),
			).toMatchObject({ field: 'data.team.id' });
		});

		it.each(['myeduzz.commission_processed', 'myeduzz.contract_card_attempted'])(
			'%s names no product',
			(event) => {
				expect(
					filteredOut(event, example(event), [filter('myeduzzProducts', '47998')]),
				).toBeUndefined();
			},
		);

		it('a payload where the field is missing or empty', () => {
			const withoutTeam = example('alpaclass.student_module_unfinished');
			delete withoutTeam.team;
			expect(
				filteredOut('alpaclass.student_module_unfinished', withoutTeam, [
					filter('alpaclassSchools', SCHOOL),
				]),
			).toBeUndefined();
			const noItems = { ...example('myeduzz.invoice_paid'), items: [] };
			expect(
				filteredOut('myeduzz.invoice_paid', noItems, [filter('myeduzzProducts', '47998')]),
			).toBeUndefined();
		});
	});
});

describe('reading the option', () => {
	const read = (value: IDataObject) =>
		readOnlyFor({
			getNodeParameter: ((name: string, fallback: unknown) =>
				name === 'onlyFor' ? value : fallback) as never,
		});
	const ids = (value: IDataObject) =>
		Object.fromEntries(read(value).map(({ filter: f, ids: set }) => [f.name, [...set]]));

	it('resource locators from the list and by ID, several per field', () => {
		expect(
			ids(
				onlyFor({ alpaclassSchools: [rl(SCHOOL), rl(' abc ', 'id')], blinketEvents: [rl('e1')] }),
			),
		).toEqual({
			alpaclassSchools: [SCHOOL, 'abc'],
			blinketEvents: ['e1'],
		});
	});

	it('expressions that resolved to several values: an array, comma-separated text, numbers', () => {
		expect(
			ids(onlyFor({ myeduzzProducts: [rl(['1', 2], 'id'), rl('3, 4,,', 'id'), rl(5, 'id')] })),
		).toEqual({
			myeduzzProducts: ['1', '2', '3', '4', '5'],
		});
	});

	it('empty entries, unknown fields and a missing option filter nothing', () => {
		expect(read(onlyFor({ alpaclassSchools: [rl(''), rl(null as never)] }))).toEqual([]);
		expect(read({ somethingElse: { values: [{ id: rl('x') }] } })).toEqual([]);
		expect(read({})).toEqual([]);
	});

	it('each field is shown for the selected events that carry it, and says what happens to the others', () => {
		const fields = onlyForProperty.options as unknown as Array<{
			name: string;
			description: string;
			displayOptions: { show: { '/events': string[] } };
		}>;
		expect(fields.map((field) => field.name)).toEqual([
			'alpaclassCourses',
			'alpaclassSchools',
			'blinketEvents',
			'myeduzzProducts',
			'nutrorCourses',
		]);
		for (const field of fields) {
			expect(field.displayOptions.show['/events'].sort()).toEqual(
				Object.keys(FILTERS_BY_NAME.get(field.name as FilterName)!.paths).sort(),
			);
			expect(field.description).toContain('does not carry the field');
			expect(field.description).toContain('Applies to');
		}
		expect(fields.find((f) => f.name === 'alpaclassCourses')!.description).toContain(
			'AlpaClass events except Student Registered in the School',
		);
	});
});

describe('webhook(): a filtered-out event is answered like an unselected one', () => {
	const bodyOf = (value: unknown) => Buffer.from(JSON.stringify(value));
	const headers = (body: Buffer) => ({ 'x-signature': sign(body, CURRENT_KEY) });
	const call = (value: unknown, parameters: IDataObject) => {
		const body = bodyOf(value);
		return callWebhook({
			body,
			headers: headers(body),
			credentials: { webhookSecret: CURRENT_KEY },
			parameters,
		});
	};

	it('another school: 200, executed false, filtered_out naming the field; no execution', async () => {
		const result = await call(moduleUnfinished, {
			onlyFor: onlyFor({ alpaclassSchools: [rl(OTHER_SCHOOL)] }),
		});
		expect(result.status).toBe(200);
		expect(result.json).toEqual({
			received: true,
			executed: false,
			reason: 'filtered_out',
			event: 'alpaclass.student_module_unfinished',
			filter: 'AlpaClass Schools',
			field: 'data.team.id',
		});
		expect(result.result).toEqual({ noWebhookResponse: true });
	});

	it('the chosen school starts the workflow', async () => {
		const result = await call(moduleUnfinished, {
			onlyFor: onlyFor({ alpaclassSchools: [rl(OTHER_SCHOOL), rl(SCHOOL)] }),
		});
		expect(result.result.workflowData?.[0][0].json).toMatchObject({
			event: 'alpaclass.student_module_unfinished',
		});
	});

	it('an event without the field starts the workflow', async () => {
		const data: IDataObject = structuredClone(moduleUnfinished.data);
		delete data.team;
		const result = await call(
			{ ...moduleUnfinished, data },
			{ onlyFor: onlyFor({ alpaclassSchools: [rl(OTHER_SCHOOL)] }) },
		);
		expect(result.result.workflowData?.[0][0].json).toMatchObject({
			delivery: { schemaValid: false },
		});
	});

	it('filters before validating: an invalid payload of another school is not refused with 400', async () => {
		const invalid = { ...moduleUnfinished, data: { ...moduleUnfinished.data, student: 42 } };
		const result = await call(invalid, {
			onlyFor: onlyFor({ alpaclassSchools: [rl(OTHER_SCHOOL)] }),
			options: { rejectInvalidPayloads: true },
		});
		expect(result.status).toBe(200);
		expect(result.json).toMatchObject({ reason: 'filtered_out' });
	});

	it('unselected events stay not_selected; test events stay test_event', async () => {
		const parameters = { onlyFor: onlyFor({ alpaclassSchools: [rl(OTHER_SCHOOL)] }) };
		expect(
			(await call({ ...moduleUnfinished, event: 'alpaclass.student_created' }, parameters)).json,
		).toMatchObject({ reason: 'not_selected' });
		expect(
			(await call({ ...moduleUnfinished, event: 'test.event_one', data: {} }, parameters)).json,
		).toMatchObject({ reason: 'test_event' });
	});
});

describe('n8n-core resolves the option as the node reads it', () => {
	let core: N8nCore | undefined;
	afterEach(async () => {
		await core?.close();
		core = undefined;
	});

	it('resource locators in the collection, with an expression that gives several ids', async () => {
		core = await startN8nCore({
			credentials: { webhookSecret: CURRENT_KEY },
			parameters: {
				events: ['alpaclass.student_module_unfinished'],
				onlyFor: onlyFor({
					alpaclassSchools: [
						rl(SCHOOL),
						rl('={{ ["a", "b"].join(",") }}', 'id'),
						rl('={{ ["c", 4] }}', 'id'),
					],
				}),
			} as INodeParameters,
		});
		const chosen = readOnlyFor(core.hookContext());
		expect(chosen.map(({ filter: f, ids: set }) => [f.name, [...set]])).toEqual([
			['alpaclassSchools', [SCHOOL, 'a', 'b', 'c', '4']],
		]);

		const url = `${core.origin}/webhook/${DEFAULT_WEBHOOK_ID}/webhook`;
		const post = async (value: unknown) => {
			const body = bodyOfJson(value);
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-signature': sign(body, CURRENT_KEY) },
				body,
			});
			return { status: response.status, text: await response.text() };
		};
		const otherSchool = structuredClone(moduleUnfinished);
		otherSchool.data.team.id = OTHER_SCHOOL;
		const refused = await post(otherSchool);
		expect(refused.status).toBe(200);
		expect(JSON.parse(refused.text)).toMatchObject({
			executed: false,
			reason: 'filtered_out',
			field: 'data.team.id',
		});
		expect(core.webhookRuns.at(-1)!.result).toEqual({ noWebhookResponse: true });
		expect((await post(moduleUnfinished)).status).toBe(200);
		expect(core.webhookRuns.at(-1)!.result?.workflowData).toHaveLength(1);
	});
});

function bodyOfJson(value: unknown): Buffer {
	return Buffer.from(JSON.stringify(value));
}

describe('the filters sent to Eduzz', () => {
	const listed = (table: Record<string, string[]>) => (event: string) => table[event] ?? [];
	const alpaclassKeys = {
		'alpaclass.student_module_unfinished': ['teamId', 'courseId'],
		'alpaclass.student_created': ['teamId'],
	};

	it('the chosen ids for the keys Eduzz lists for the selected events, sorted', () => {
		expect(
			eduzzFilters(
				[filter('alpaclassSchools', 'b', 'a')],
				['alpaclass.student_module_unfinished', 'alpaclass.student_created'],
				listed(alpaclassKeys),
			),
		).toEqual([{ metadata: 'teamId', values: ['a', 'b'] }]);
	});

	it('nothing Eduzz does not list: the node filters alone', () => {
		expect(
			eduzzFilters(
				[filter('alpaclassSchools', 'a')],
				['alpaclass.student_module_unfinished'],
				listed({}),
			),
		).toEqual([]);
	});

	it('a filter whose events are not selected sends nothing', () => {
		expect(
			eduzzFilters(
				[filter('blinketEvents', 'e')],
				['alpaclass.student_module_unfinished'],
				listed(alpaclassKeys),
			),
		).toEqual([]);
	});

	it('a key shared with events the filter does not cover is not sent (Eduzz would drop those)', () => {
		const keys = listed({
			...alpaclassKeys,
			'nutror.lesson_watched': ['producerId', 'learnerEmail', 'lessonId', 'courseId'],
		});
		const events = ['alpaclass.student_module_unfinished', 'nutror.lesson_watched'];
		expect(eduzzFilters([filter('alpaclassCourses', COURSE)], events, keys)).toEqual([]);
		// With both course filters chosen, one courseId filter carries both.
		expect(
			eduzzFilters(
				[filter('alpaclassCourses', COURSE), filter('nutrorCourses', 'hash1')],
				events,
				keys,
			),
		).toEqual([{ metadata: 'courseId', values: [COURSE, 'hash1'].sort() }]);
	});

	it('an event Eduzz lists the key for but the table does not cover blocks the key too', () => {
		// alpaclass.student_created has no course: if Eduzz listed courseId for it, a course filter
		// would make Eduzz drop every registration. The node keeps those events, so nothing is sent.
		const keys = listed({ ...alpaclassKeys, 'alpaclass.student_created': ['teamId', 'courseId'] });
		expect(
			eduzzFilters(
				[filter('alpaclassCourses', COURSE)],
				['alpaclass.student_module_unfinished', 'alpaclass.student_created'],
				keys,
			),
		).toEqual([]);
	});

	it('comparing filters ignores order and duplicates, not values', () => {
		expect(
			sameEduzzFilters(
				[
					{ metadata: 'a', values: ['2', '1'] },
					{ metadata: 'b', values: ['x'] },
				],
				[
					{ metadata: 'b', values: ['x'] },
					{ metadata: 'a', values: ['1', '2', '1'] },
				],
			),
		).toBe(true);
		expect(
			sameEduzzFilters([{ metadata: 'a', values: ['1'] }], [{ metadata: 'a', values: ['2'] }]),
		).toBe(false);
		expect(sameEduzzFilters([], [{ metadata: 'a', values: [] }])).toBe(true);
	});

	it('metadataOf gives the stand-in the values it filters on', () => {
		expect(metadataOf('myeduzz.invoice_paid', example('myeduzz.invoice_paid'))).toEqual({
			productId: ['P567', 'P789'],
		});
		expect(metadataOf('alpaclass.student_module_unfinished', moduleUnfinished.data)).toEqual({
			courseId: [COURSE],
			teamId: [SCHOOL],
		});
	});
});

const TOKEN = 'unit-token';

describe('automatic registration sends the filters to the stand-in Eduzz, which applies them', () => {
	let fake: FakeEduzz;
	let receiver: Receiver;
	let staticData: IDataObject;
	let credentials: IDataObject;
	let parameters: IDataObject;

	const subscriptions = () => [...fake.state.subscriptions.values()];
	const hooks = () => hooksFor({ webhookUrl: receiver.url, credentials, parameters, staticData });

	beforeEach(async () => {
		fake = await startFakeEduzz({
			tokens: { [TOKEN]: ['webhook_read', 'webhook_write'] },
			metadata: { metadataKeysOf, metadataOf },
		});
		credentials = { accessToken: TOKEN, baseUrl: fake.baseUrl, webhookSecret: '' };
		staticData = {};
		parameters = {
			events: ['alpaclass.student_module_unfinished', 'alpaclass.student_created'],
			registration: 'automatic',
			options: { requestSampleOnTest: false },
			onlyFor: onlyFor({ alpaclassSchools: [rl(SCHOOL)] }),
		};
		receiver = await startTriggerReceiver(() => ({ credentials, parameters, staticData }));
	});

	afterEach(async () => {
		await receiver.close();
		await fake.close();
	});

	it('the origin list covers every product and event; its keys come from Eduzz’s docs and the table', async () => {
		const response = await fetch(`${fake.baseUrl}/webhook/v1/origin`, {
			headers: { authorization: `Bearer ${TOKEN}` },
		});
		const origins = (await response.json()) as Array<{
			prefix: string;
			events: Array<{ name: string; metadata: string[] }>;
		}>;
		expect(origins.map((origin) => origin.prefix).sort()).toEqual([
			'alpaclass',
			'blinket',
			'myeduzz',
			'nutror',
			'safevideo',
			'sun',
		]);
		const events = origins.flatMap((origin) => origin.events);
		expect(events).toHaveLength(EVENTS.length);
		expect(events.find((e) => e.name === 'nutror.lesson_watched')!.metadata).toEqual([
			'producerId',
			'learnerEmail',
			'lessonId',
			'courseId',
		]);
		expect(events.find((e) => e.name === 'alpaclass.student_module_unfinished')!.metadata).toEqual([
			'courseId',
			'teamId',
		]);
	});

	it('create() sends the school as teamId; the stand-in delivers that school and keeps back the other', async () => {
		const lifecycle = hooks();
		expect(await lifecycle.create()).toBe(true);
		const [subscription] = subscriptions();
		expect(subscription.filters).toEqual([{ metadata: 'teamId', values: [SCHOOL] }]);
		expect(fake.requests.some((r) => r.path === '/webhook/v1/origin')).toBe(true);
		expect(await lifecycle.checkExists()).toBe(true);

		expect(
			(await fake.deliver(subscription.id, 'alpaclass.student_module_unfinished')).status,
		).toBe(200);
		const other = structuredClone(moduleUnfinished.data);
		other.team.id = OTHER_SCHOOL;
		const kept = await fake.deliver(subscription.id, 'alpaclass.student_module_unfinished', other);
		expect(kept).toMatchObject({ filtered: true, status: 0 });
		expect(fake.filtered).toHaveLength(1);
		expect(receiver.received.filter((r) => r.rawBody.includes(OTHER_SCHOOL))).toHaveLength(0);
	});

	it('changing the filter: checkExists() is false and create() updates the same configuration', async () => {
		await hooks().create();
		parameters.onlyFor = onlyFor({ alpaclassSchools: [rl(SCHOOL), rl(OTHER_SCHOOL)] });
		const lifecycle = hooks();
		expect(await lifecycle.checkExists()).toBe(false);
		await lifecycle.create();
		expect(subscriptions()).toHaveLength(1);
		expect(subscriptions()[0].filters).toEqual([
			{ metadata: 'teamId', values: [SCHOOL, OTHER_SCHOOL].sort() },
		]);
		expect(await lifecycle.checkExists()).toBe(true);

		// Removing it clears Eduzz's filters.
		parameters.onlyFor = {};
		const cleared = hooks();
		expect(await cleared.checkExists()).toBe(false);
		await cleared.create();
		expect(subscriptions()[0].filters).toEqual([]);
		expect(await cleared.checkExists()).toBe(true);
	});

	it('"Ask Eduzz to Filter Too" off: no filters at Eduzz, no origin call; the node still filters', async () => {
		parameters.options = { requestSampleOnTest: false, filterAtEduzz: false };
		await hooks().create();
		expect(subscriptions()[0].filters).toEqual([]);
		expect(fake.requests.some((r) => r.path === '/webhook/v1/origin')).toBe(false);
		const other = structuredClone(moduleUnfinished.data);
		other.team.id = OTHER_SCHOOL;
		const delivered = await fake.deliver(
			subscriptions()[0].id,
			'alpaclass.student_module_unfinished',
			other,
		);
		expect(delivered.status).toBe(200);
		expect(JSON.parse(delivered.body)).toMatchObject({ executed: false, reason: 'filtered_out' });
	});

	it('no filter chosen: no origin call, `filters: []`, nothing stored', async () => {
		parameters.onlyFor = {};
		await hooks().create();
		expect(fake.requests.some((r) => r.path === '/webhook/v1/origin')).toBe(false);
		expect(
			fake.requests.find((r) => r.method === 'POST' && r.path === '/webhook/v1/subscription')?.body,
		).toHaveProperty('filters', []);
		expect(Object.values(staticData.registrations as IDataObject)[0]).not.toHaveProperty('filters');
	});

	it('the stand-in refuses a filter on metadata none of the configuration’s events has', async () => {
		const response = await fetch(`${fake.baseUrl}/webhook/v1/subscription`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				name: 'x',
				url: receiver.url,
				events: [{ name: 'alpaclass.student_module_unfinished' }],
				filters: [{ metadata: 'eventId', values: ['e'] }],
			}),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ errors: [{ field: 'filters[0].metadata' }] });
	});
});

describe('the pickers both nodes share', () => {
	let fake: FakeEduzz;
	const scopes = [
		'alpaclass_team_read',
		'alpaclass_delivery_read',
		'blinket_read',
		'nutror_courses_read',
		'myeduzz_products_read',
	];

	beforeAll(async () => {
		// Few items per list: the AlpaClass course picker walks every delivery of a school.
		fake = await startFakeEduzz({ tokens: { [TOKEN]: scopes }, pagedTotal: 3 });
	});
	afterAll(async () => {
		await fake.close();
	});

	function loadOptions(): ILoadOptionsFunctions {
		const node = mock<INode>({ name: 'Eduzz Trigger', typeVersion: 1 });
		const getCredentials = async () => ({ accessToken: TOKEN, baseUrl: fake.baseUrl });
		return mock<ILoadOptionsFunctions>({
			getNode: () => node,
			getCredentials: getCredentials as never,
			helpers: {
				httpRequestWithAuthentication: makeHttpRequestWithAuthentication({ getCredentials, node }),
			} as never,
		});
	}

	it('both nodes register every method, and every field of "Only For" names one of them', () => {
		expect(new EduzzTrigger().methods.listSearch).toBe(listSearch);
		expect(new Eduzz().methods.listSearch).toBe(listSearch);
		for (const definition of FILTERS)
			expect(listSearch).toHaveProperty(definition.searchListMethod);
	});

	it('schools: the id the AlpaClass events carry (data.team.id)', async () => {
		const { results } = await listSearch.searchSchools.call(loadOptions(), 'Beltrano');
		expect(results).toContainEqual({ name: 'Escola de Beltrano', value: SCHOOL });
	});

	it('AlpaClass courses: one school per page, walking its deliveries and their courses', async () => {
		const { results, paginationToken } =
			await listSearch.searchAlpaclassCourses.call(loadOptions());
		expect(results.length).toBeGreaterThan(0);
		expect(paginationToken).toBe('1');
		expect(results.every((result) => / \(.+\)$/.test(result.name))).toBe(true);
		expect(new Set(results.map((result) => result.value)).size).toBe(results.length);
	});

	it('Nutror courses by hash, the id Nutror events carry', async () => {
		const { results } = await listSearch.searchCourseHashes.call(loadOptions());
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((result) => /^[0-9a-z]{20,}$/.test(String(result.value)))).toBe(true);
	});

	it('Blinket events (pages of 100; the stand-in holds 3 here)', async () => {
		const first = await listSearch.searchBlinketEvents.call(loadOptions());
		expect(first.results.length).toBeGreaterThan(0);
		expect(
			first.results.some((result) => result.value === '9b056848-beb0-44ff-9e76-d3ac131b6f50'),
		).toBe(true);
		expect(first.paginationToken).toBeUndefined();
	});
});
