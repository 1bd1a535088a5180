import {
	MAX_REMEMBERED_EVENTS,
	REDELIVERY_WINDOW_MS,
	rememberDelivery,
} from '../../nodes/EduzzTrigger/redelivery';
import type { TriggerStaticData } from '../../nodes/EduzzTrigger/staticData';
import type { IDataObject } from 'n8n-workflow';

import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';
import { PENDING_TTL_MS, keepStaticDataChanged, markPendingStaticData } from '../../nodes/EduzzTrigger/staticDataPersistence';
import { CURRENT_KEY, moduleUnfinished } from '../fixtures/moduleUnfinished';
import { callWebhook, sign } from '../support/mockWebhookContext';

const DAY = 24 * 60 * 60 * 1000;

describe('rememberDelivery', () => {
	const item = (id: string | null, event = 'alpaclass.student_module_unfinished') => ({ id, event });

	it('tells a first delivery from a redelivery of the same event id', () => {
		const store: TriggerStaticData = {};
		expect(rememberDelivery(store, item('a'), 0)).toBe(true);
		expect(rememberDelivery(store, item('a'), 60_000)).toBe(false);
		expect(rememberDelivery(store, item('b'), 60_000)).toBe(true);
		// The same id under another event is another event.
		expect(rememberDelivery(store, item('a', 'alpaclass.student_module_finished'), 60_000)).toBe(true);
	});

	it('forgets ids after 7 days', () => {
		const store: TriggerStaticData = {};
		rememberDelivery(store, item('a'), 0);
		expect(rememberDelivery(store, item('a'), REDELIVERY_WINDOW_MS - 1)).toBe(false);
		expect(rememberDelivery(store, item('a'), REDELIVERY_WINDOW_MS)).toBe(true);
		rememberDelivery(store, item('b'), 10 * DAY);
		expect(Object.keys(store.seenEvents!)).toEqual(['alpaclass.student_module_unfinished:a', 'alpaclass.student_module_unfinished:b']);
		rememberDelivery(store, item('c'), 18 * DAY);
		expect(Object.keys(store.seenEvents!)).toEqual(['alpaclass.student_module_unfinished:c']);
	});

	it(`keeps at most ${MAX_REMEMBERED_EVENTS} ids, dropping the oldest`, () => {
		const store: TriggerStaticData = {};
		for (let i = 0; i < MAX_REMEMBERED_EVENTS + 10; i++) rememberDelivery(store, item(`id${i}`), i);
		const keys = Object.keys(store.seenEvents!);
		expect(keys).toHaveLength(MAX_REMEMBERED_EVENTS);
		expect(keys[0]).toBe('alpaclass.student_module_unfinished:id10');
		expect(rememberDelivery(store, item(`id${MAX_REMEMBERED_EVENTS + 9}`), MAX_REMEMBERED_EVENTS + 20)).toBe(false);
	});

	it('always lets through events without an id, and stores nothing for them', () => {
		const store: TriggerStaticData = {};
		expect(rememberDelivery(store, item(null), 0)).toBe(true);
		expect(rememberDelivery(store, item(null), 0)).toBe(true);
		expect(store.seenEvents).toBeUndefined();
	});
});

describe('webhook() with "Skip Redeliveries of Events Already Received"', () => {
	const body = Buffer.from(JSON.stringify(moduleUnfinished));
	const headers = (attempt: number) => ({ 'x-signature': sign(body, CURRENT_KEY), 'x-delivery-attempt': String(attempt) });
	const credentials = { webhookSecret: CURRENT_KEY };

	it('answers a redelivery 200 without an execution, also after a restart (state round-trips through JSON)', async () => {
		const parameters = { options: { skipRedeliveries: true } };
		const first = await callWebhook({ body, headers: headers(1), credentials, parameters });
		expect(first.result.workflowData).toHaveLength(1);

		// n8n saves static data as JSON in its database and reads it back on the next request/process.
		const saved = JSON.parse(JSON.stringify(first.staticData));
		const retry = await callWebhook({ body, headers: headers(2), credentials, parameters, staticData: saved });
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
		const forged = await callWebhook({ body, headers: { 'x-signature': sign(body, 'forged') }, credentials, parameters, staticData });
		expect(forged.status).toBe(401);
		const real = await callWebhook({ body, headers: headers(1), credentials, parameters, staticData });
		expect(real.result.workflowData).toHaveLength(1);
	});
});

describe('keeping remembered ids "changed" until n8n saves them (staticDataPersistence.ts)', () => {
	const closable = () => {
		const listeners: Array<() => void> = [];
		return { once: (_event: 'close', listener: () => void) => listeners.push(listener), close: () => listeners.forEach((l) => l()) };
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
		const on = await callWebhook({ body, headers, credentials: { webhookSecret: CURRENT_KEY }, parameters: { options: { skipRedeliveries: true } } });
		expect(on.globalStaticData.__dataChanged).toBe(true);
		const off = await callWebhook({ body, headers, credentials: { webhookSecret: CURRENT_KEY } });
		expect(off.globalStaticData.__dataChanged).toBeUndefined();
		const again = await callWebhook({ body, headers, credentials: { webhookSecret: CURRENT_KEY }, parameters: { options: { skipRedeliveries: true } }, staticData: on.staticData });
		expect(again.json).toMatchObject({ reason: 'already_received' });
		expect(again.globalStaticData.__dataChanged).toBeUndefined();
	});
});
