import fc from 'fast-check';

import {
	MAX_REMEMBERED_EVENTS,
	REDELIVERY_WINDOW_DAYS,
	isRemembered,
	redeliveryToken,
	rememberDelivery,
} from '../../nodes/EduzzTrigger/redelivery';
import type { TriggerStaticData } from '../../nodes/EduzzTrigger/staticData';
import type { IDataObject } from 'n8n-workflow';

import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';
import {
	FAILED_CHECKS_BEFORE_WARNING,
	checkSaved,
	expectSaved,
} from '../../nodes/EduzzTrigger/persistenceCheck';
import {
	PENDING_TTL_MS,
	keepStaticDataChanged,
	markPendingStaticData,
} from '../../nodes/EduzzTrigger/staticDataPersistence';
import { CURRENT_KEY, moduleUnfinished } from '../fixtures/moduleUnfinished';
import { callWebhook, sign } from '../support/mockWebhookContext';

const DAY = 24 * 60 * 60 * 1000;

describe('rememberDelivery', () => {
	const item = (id: string | null, event = 'alpaclass.student_module_unfinished') => ({
		id,
		event,
	});
	const count = (store: TriggerStaticData) =>
		Object.values(store.rememberedEvents ?? {}).join('').length / 12;

	it('tells a first delivery from a redelivery of the same event id', () => {
		const store: TriggerStaticData = {};
		expect(rememberDelivery(store, item('a'), 0)).toBe(true);
		expect(rememberDelivery(store, item('a'), 60_000)).toBe(false);
		expect(rememberDelivery(store, item('b'), 60_000)).toBe(true);
		// The same id under another event is another event.
		expect(rememberDelivery(store, item('a', 'alpaclass.student_module_finished'), 60_000)).toBe(
			true,
		);
		expect(count(store)).toBe(3);
	});

	it(`remembers an id for ${REDELIVERY_WINDOW_DAYS} whole days after the day it was received, then forgets it`, () => {
		const store: TriggerStaticData = {};
		const late = DAY - 1; // the last millisecond of day 0
		rememberDelivery(store, item('a'), late);
		expect(rememberDelivery(store, item('a'), late + REDELIVERY_WINDOW_DAYS * DAY)).toBe(false);
		expect(rememberDelivery(store, item('a'), (REDELIVERY_WINDOW_DAYS + 1) * DAY)).toBe(true);
		rememberDelivery(store, item('b'), 10 * DAY);
		expect(Object.keys(store.rememberedEvents!)).toEqual(['8', '10']);
		rememberDelivery(store, item('c'), 18 * DAY);
		expect(Object.keys(store.rememberedEvents!)).toEqual(['18']);
	});

	it(`keeps at most ${MAX_REMEMBERED_EVENTS} ids, dropping the oldest first, in about 60 KB`, () => {
		const store: TriggerStaticData = {};
		for (let i = 0; i < MAX_REMEMBERED_EVENTS + 10; i++)
			rememberDelivery(store, item(`id${i}`), (i / 1000) * DAY);
		expect(count(store)).toBe(MAX_REMEMBERED_EVENTS);
		for (let i = 0; i < 10; i++)
			expect(isRemembered(store, redeliveryToken(item(`id${i}`)), 5 * DAY)).toBe(false);
		for (let i = 10; i < MAX_REMEMBERED_EVENTS + 10; i += 499)
			expect(isRemembered(store, redeliveryToken(item(`id${i}`)), 5 * DAY)).toBe(true);
		expect(JSON.stringify(store).length).toBeLessThan(61_000);
	});

	it('always lets through events without an id, and stores nothing for them', () => {
		const store: TriggerStaticData = {};
		expect(rememberDelivery(store, item(null), 0)).toBe(true);
		expect(rememberDelivery(store, item(null), 0)).toBe(true);
		expect(store.rememberedEvents).toBeUndefined();
	});

	it('property: an id is new exactly when it was not seen in the window, whatever else is stored', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: 0, max: 3 * DAY })),
					{ maxLength: 40 },
				),
				(deliveries) => {
					const store: TriggerStaticData = {};
					const seen = new Map<string, number>();
					let now = 0;
					for (const [id, step] of deliveries) {
						now += step;
						const first = seen.get(id);
						const expected =
							first === undefined ||
							Math.floor(now / DAY) - Math.floor(first / DAY) > REDELIVERY_WINDOW_DAYS;
						expect(rememberDelivery(store, item(id), now)).toBe(expected);
						if (expected) seen.set(id, now);
					}
				},
			),
			{ numRuns: 10_000 },
		);
	});
});

describe('webhook() with "Skip Redeliveries of Events Already Received"', () => {
	const body = Buffer.from(JSON.stringify(moduleUnfinished));
	const headers = (attempt: number) => ({
		'x-signature': sign(body, CURRENT_KEY),
		'x-delivery-attempt': String(attempt),
	});
	const credentials = { webhookSecret: CURRENT_KEY };

	it('answers a redelivery 200 without an execution, also after a restart (state round-trips through JSON)', async () => {
		const parameters = { options: { skipRedeliveries: true } };
		const first = await callWebhook({ body, headers: headers(1), credentials, parameters });
		expect(first.result.workflowData).toHaveLength(1);

		// n8n saves static data as JSON in its database and reads it back on the next request/process.
		const saved = JSON.parse(JSON.stringify(first.staticData));
		const retry = await callWebhook({
			body,
			headers: headers(2),
			credentials,
			parameters,
			staticData: saved,
		});
		expect(retry.status).toBe(200);
		expect(retry.json).toMatchObject({ executed: false, reason: 'already_received' });
		expect(retry.result).toEqual({ noWebhookResponse: true });
	});

	it('keeps delivery.attempt and emits every redelivery when the option is off', async () => {
		const staticData = {};
		const first = await callWebhook({ body, headers: headers(1), credentials, staticData });
		const second = await callWebhook({ body, headers: headers(2), credentials, staticData });
		expect(first.result.workflowData![0][0].json.delivery).toMatchObject({ attempt: 1 });
		expect(second.result.workflowData![0][0].json.delivery).toMatchObject({ attempt: 2 });
		expect(staticData).toEqual({});
	});

	it('does not remember refused deliveries: a forged copy cannot block the real event', async () => {
		const parameters = { options: { skipRedeliveries: true } };
		const staticData = {};
		const forged = await callWebhook({
			body,
			headers: { 'x-signature': sign(body, 'forged') },
			credentials,
			parameters,
			staticData,
		});
		expect(forged.status).toBe(401);
		const real = await callWebhook({
			body,
			headers: headers(1),
			credentials,
			parameters,
			staticData,
		});
		expect(real.result.workflowData).toHaveLength(1);
	});
});

describe('keeping remembered ids "changed" until n8n saves them (staticDataPersistence.ts)', () => {
	const closable = () => {
		const listeners: Array<() => void> = [];
		return {
			once: (_event: 'close', listener: () => void) => listeners.push(listener),
			close: () => listeners.forEach((l) => l()),
		};
	};

	it('marks the root again on every read of responseData until the response closes', () => {
		const root: IDataObject = {};
		const response = closable();
		keepStaticDataChanged(root, response);
		root.__dataChanged = false; // what n8n 2.x's second Workflow does
		expect(new EduzzTrigger().description.webhooks![0].responseData).toBe('noData');
		expect(root.__dataChanged).toBe(true);

		response.close();
		root.__dataChanged = false;
		expect(markPendingStaticData()).toBe(0);
		expect(root.__dataChanged).toBe(false);
	});

	it('forgets a delivery whose response never closed after PENDING_TTL_MS', () => {
		const root: IDataObject = {};
		keepStaticDataChanged(root, closable(), 0);
		expect(markPendingStaticData(PENDING_TTL_MS)).toBe(1);
		root.__dataChanged = false;
		expect(markPendingStaticData(PENDING_TTL_MS + 1)).toBe(0);
		expect(root.__dataChanged).toBe(false);
	});

	it('webhook() marks only when the option is on and a new id was recorded', async () => {
		const body = Buffer.from(JSON.stringify(moduleUnfinished));
		const headers = { 'x-signature': sign(body, CURRENT_KEY) };
		const on = await callWebhook({
			body,
			headers,
			credentials: { webhookSecret: CURRENT_KEY },
			parameters: { options: { skipRedeliveries: true } },
		});
		expect(on.globalStaticData.__dataChanged).toBe(true);
		const off = await callWebhook({ body, headers, credentials: { webhookSecret: CURRENT_KEY } });
		expect(off.globalStaticData.__dataChanged).toBeUndefined();
		const again = await callWebhook({
			body,
			headers,
			credentials: { webhookSecret: CURRENT_KEY },
			parameters: { options: { skipRedeliveries: true } },
			staticData: on.staticData,
		});
		expect(again.json).toMatchObject({ reason: 'already_received' });
		expect(again.globalStaticData.__dataChanged).toBeUndefined();
	});
});

describe('checking that n8n saved the remembered ids (persistenceCheck.ts)', () => {
	const credentials = { webhookSecret: CURRENT_KEY };
	const parameters = { options: { skipRedeliveries: true } };
	let workflow = 0;

	/** Delivers `count` new events one after the other; `save` is what n8n does with the static data in between. */
	async function deliverInTurn(
		count: number,
		save: (index: number, changed: IDataObject) => IDataObject,
		mode: 'webhook' | 'manual' = 'webhook',
	) {
		const workflowId = `persistence-${++workflow}`;
		let stored: IDataObject = {};
		const logs: string[] = [];
		for (let index = 0; index < count; index++) {
			const body = Buffer.from(JSON.stringify({ ...moduleUnfinished, id: `event-${index}` }));
			const call = await callWebhook({
				body,
				headers: { 'x-signature': sign(body, CURRENT_KEY) },
				credentials,
				parameters,
				staticData: JSON.parse(JSON.stringify(stored)),
				workflowId,
				mode,
			});
			expect(call.result.workflowData).toHaveLength(1);
			logs.push(...call.logs);
			stored = save(index, call.staticData);
		}
		return logs.filter((line) => line.startsWith('warn:'));
	}

	it('says nothing while n8n saves every change', async () => {
		expect(await deliverInTurn(6, (_index, changed) => changed)).toEqual([]);
	});

	it(`logs one warning, naming the n8n version and Remove Duplicates, after ${FAILED_CHECKS_BEFORE_WARNING} deliveries in a row whose ids were not saved`, async () => {
		// What n8n 2.41 does without the workaround: only the first change reaches the database.
		let first: IDataObject | undefined;
		const warnings = await deliverInTurn(6, (_index, changed) => (first ??= changed));
		expect(warnings).toHaveLength(1);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { version } = require('n8n-workflow/package.json') as { version: string };
		expect(warnings[0]).toContain(`n8n-workflow ${version}`);
		expect(warnings[0]).toContain('Remove Duplicates');
		expect(warnings[0]).toContain('"Eduzz unit"');
	});

	it('a saved id between two lost ones resets the count', async () => {
		const lostAt = new Set([1, 3]);
		let last: IDataObject = {};
		expect(
			await deliverInTurn(5, (index, changed) => (lostAt.has(index) ? last : (last = changed))),
		).toEqual([]);
	});

	it('does not check test deliveries ("Listen for test event")', async () => {
		expect(await deliverInTurn(5, () => ({}), 'manual')).toEqual([]);
	});

	it('does not check deliveries that overlapped another one of the same node', () => {
		const key = 'overlap-workflow\u0000node';
		const closable = () => {
			const listeners: Array<() => void> = [];
			return {
				once: (_event: 'close', listener: () => void) => listeners.push(listener),
				close: () => listeners.forEach((l) => l()),
			};
		};
		for (let round = 0; round < 3; round++) {
			const [a, b] = [closable(), closable()];
			expectSaved(key, `tokenA${round}`.padEnd(12, 'x'), a);
			expectSaved(key, `tokenB${round}`.padEnd(12, 'x'), b);
			a.close();
			b.close();
			expect(checkSaved(key, {}, 0, 'w')).toBeUndefined();
		}
		const alone = closable();
		expectSaved(key, 'tokenC'.padEnd(12, 'x'), alone);
		alone.close();
		expect(checkSaved(key, {}, 0, 'w')).toBeUndefined(); // one failed check is not enough
	});
});
