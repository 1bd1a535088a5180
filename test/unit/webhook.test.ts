import { EVENTS } from '../../nodes/shared/events';
import { moduleUnfinished, OLD_KEY, CURRENT_KEY } from '../fixtures/moduleUnfinished';
import examples from '../fixtures/eduzz-events.json';
import { callWebhook, sign } from '../support/mockWebhookContext';

const credentials = { webhookSecret: CURRENT_KEY };
const bodyOf = (value: unknown) => Buffer.from(JSON.stringify(value));
const signed = (body: Buffer | string, secret = CURRENT_KEY) => ({
	'x-signature': sign(body, secret),
	'x-subscription': 'lk354pklutdkh2ii7s7008qfy:alpaclass.student_module_unfinished',
	'x-delivery-attempt': '1',
});

function expectNoExecution(result: { result: object }) {
	expect(result.result).toEqual({ noWebhookResponse: true });
}

describe('EduzzTrigger.webhook()', () => {
	describe('1. signature', () => {
		const body = bodyOf(moduleUnfinished);
		it.each([
			['missing', {}],
			['malformed', { 'x-signature': 'not-hex' }],
			['wrong', { 'x-signature': sign(body, 'forged') }],
			[
				'signed with the previous key while none is configured',
				{ 'x-signature': sign(body, OLD_KEY) },
			],
		])('answers 401 and starts nothing when the signature is %s', async (_label, headers) => {
			const call = await callWebhook({ body, headers, credentials });
			expect(call.status).toBe(401);
			expect(call.json).toMatchObject({ error: 'unauthorized' });
			expectNoExecution(call);
			const visible = JSON.stringify(call.json) + call.logs.join('\n');
			expect(visible).not.toContain(CURRENT_KEY);
			expect(visible).not.toContain(sign(body, CURRENT_KEY));
		});

		it('answers 401 and warns when the credential has no secret', async () => {
			const call = await callWebhook({ body, headers: signed(body), credentials: {} });
			expect(call.status).toBe(401);
			expect(
				call.logs.some((line) => line.startsWith('warn:') && line.includes('Webhook Secret')),
			).toBe(true);
		});

		it('accepts the previous key during a rotation', async () => {
			const call = await callWebhook({
				body,
				headers: signed(body, OLD_KEY),
				credentials: { webhookSecret: CURRENT_KEY, previousWebhookSecret: OLD_KEY },
			});
			expect(call.result.workflowData).toHaveLength(1);
		});

		it('verifies bytes n8n did not pre-read (unusual content types)', async () => {
			const call = await callWebhook({
				body,
				headers: { ...signed(body), 'content-type': 'application/vnd.eduzz+json' },
				credentials,
				lazyBody: true,
			});
			expect(call.result.workflowData?.[0][0].json.event).toBe(
				'alpaclass.student_module_unfinished',
			);
		});
	});

	describe('2. not an envelope', () => {
		it.each([
			['invalid JSON', '{"event": '],
			['a JSON array', '[1,2]'],
			['a JSON string', '"alpaclass.student_module_unfinished"'],
			['an object without event', '{"data":{}}'],
			['an empty body', ''],
			['deeply nested JSON', `{"event":"x","data":${'['.repeat(10000)}${']'.repeat(10000)}}`],
		])('answers 400 to a signed %s', async (_label, text) => {
			const call = await callWebhook({ body: text, headers: signed(text), credentials });
			expect(call.status).toBe(400);
			expect(call.json).toMatchObject({ error: 'bad_request' });
			expectNoExecution(call);
		});
	});

	describe('3. Eduzz test and ping events', () => {
		it.each(['test.event_one', 'ping'])(
			'answers 200 to a signed %s without an execution',
			async (event) => {
				const body = bodyOf({
					id: 'lk354pklutdkh2ii7s7008qfy',
					event,
					sentDate: '2024-01-01T00:00:00.000Z',
					data: {},
				});
				const call = await callWebhook({ body, headers: signed(body), credentials });
				expect(call.status).toBe(200);
				expect(call.json).toMatchObject({ executed: false, reason: 'test_event' });
				expectNoExecution(call);
			},
		);
	});

	describe('4. events not selected', () => {
		it('answers 200 without an execution', async () => {
			const body = bodyOf({ ...moduleUnfinished, event: 'alpaclass.student_module_finished' });
			const call = await callWebhook({ body, headers: signed(body), credentials });
			expect(call.status).toBe(200);
			expect(call.json).toMatchObject({
				executed: false,
				reason: 'not_selected',
				event: 'alpaclass.student_module_finished',
			});
			expectNoExecution(call);
		});
	});

	describe('5. selected events', () => {
		it('emits exactly one item { id, event, sentDate, data, delivery }', async () => {
			const body = bodyOf(moduleUnfinished);
			const call = await callWebhook({
				body,
				headers: { ...signed(body), 'x-delivery-attempt': '3' },
				credentials,
			});
			expect(call.status).toBeUndefined();
			expect(call.result.workflowData).toHaveLength(1);
			expect(call.result.workflowData![0]).toHaveLength(1);
			const item = call.result.workflowData![0][0].json;
			expect(Object.keys(item).sort()).toEqual(['data', 'delivery', 'event', 'id', 'sentDate']);
			expect(item).toMatchObject({
				id: moduleUnfinished.id,
				event: moduleUnfinished.event,
				sentDate: moduleUnfinished.sentDate,
				data: moduleUnfinished.data,
				delivery: { subscriptionId: 'lk354pklutdkh2ii7s7008qfy', attempt: 3, schemaValid: true },
			});
			expect(item.delivery).not.toHaveProperty('schemaIssues');
			expect(Date.parse((item.delivery as { receivedAt: string }).receivedAt)).not.toBeNaN();
		});

		it('uses null for a missing id and sentDate, and for missing delivery headers', async () => {
			const body = bodyOf({ event: moduleUnfinished.event, data: moduleUnfinished.data });
			const call = await callWebhook({
				body,
				headers: { 'x-signature': sign(body, CURRENT_KEY) },
				credentials,
			});
			expect(call.result.workflowData![0][0].json).toMatchObject({
				id: null,
				sentDate: null,
				delivery: { subscriptionId: null, attempt: null },
			});
		});

		it.each([
			['\\u00f3 escapes', (text: string) => text.replace(/ó/g, '\\u00f3').replace(/í/g, '\\u00ed')],
			['pretty-printing', (text: string) => JSON.stringify(JSON.parse(text), null, 2)],
			['a trailing newline', (text: string) => `${text}\n`],
			['a byte-order mark', (text: string) => `\ufeff${text}`],
		])('verifies the exact bytes sent with %s', async (_label, reshape) => {
			const text = reshape(JSON.stringify(moduleUnfinished));
			expect(text).not.toBe(JSON.stringify(moduleUnfinished));
			const call = await callWebhook({ body: text, headers: signed(text), credentials });
			expect(call.result.workflowData![0][0].json.data).toEqual(moduleUnfinished.data);
			// The signature of the re-serialized JSON is not accepted for these bytes.
			const reserialized = await callWebhook({
				body: text,
				headers: signed(JSON.stringify(moduleUnfinished)),
				credentials,
			});
			expect(reserialized.status).toBe(401);
		});

		it('matches Eduzz event names sent without their product prefix', async () => {
			const body = bodyOf({ ...moduleUnfinished, event: 'student_module_unfinished' });
			const call = await callWebhook({ body, headers: signed(body), credentials });
			expect(call.result.workflowData![0][0].json.event).toBe(
				'alpaclass.student_module_unfinished',
			);
		});
	});

	describe('every AlpaClass example from Eduzz', () => {
		const alpaclass = examples.filter((example) => example.name.startsWith('alpaclass.'));
		it('covers all 13 events', () => {
			expect(alpaclass.map((example) => example.name).sort()).toEqual(
				EVENTS.filter((event) => event.product === 'alpaclass')
					.map((event) => event.name)
					.sort(),
			);
		});
		it.each(alpaclass.map((example) => [example.name, example.envelope] as const))(
			'%s emits one valid item',
			async (name, envelope) => {
				const body = Buffer.from(JSON.stringify(envelope, null, 2));
				const call = await callWebhook({
					body,
					headers: signed(body),
					credentials,
					parameters: { events: [name] },
				});
				const item = call.result.workflowData![0][0].json;
				expect(item).toMatchObject({
					event: name,
					data: envelope.data,
					delivery: { schemaValid: true },
				});
			},
		);
	});

	describe('6. payloads that drift from the schema', () => {
		const drifted = {
			...moduleUnfinished,
			data: {
				...moduleUnfinished.data,
				student: { ...moduleUnfinished.data.student, email: 42 },
				module: 'Módulo 1',
				extra: { kept: true },
			},
		};
		const body = bodyOf(drifted);

		it('still emits the event, flagged, with readable issues naming each field, and keeps unknown fields', async () => {
			const call = await callWebhook({ body, headers: signed(body), credentials });
			const item = call.result.workflowData![0][0].json as {
				data: unknown;
				delivery: { schemaValid: boolean; schemaIssues: string[] };
			};
			expect(item.data).toEqual(drifted.data);
			expect(item.delivery.schemaValid).toBe(false);
			expect(item.delivery.schemaIssues).toHaveLength(2);
			expect(
				item.delivery.schemaIssues.some((issue) => issue.startsWith('data.student.email:')),
			).toBe(true);
			expect(item.delivery.schemaIssues.some((issue) => issue.startsWith('data.module:'))).toBe(
				true,
			);
		});

		it('keeps unknown fields of a valid payload', async () => {
			const extended = {
				...moduleUnfinished,
				data: {
					...moduleUnfinished.data,
					student: { ...moduleUnfinished.data.student, phone: '+55' },
					new: 1,
				},
			};
			const extendedBody = bodyOf(extended);
			const call = await callWebhook({
				body: extendedBody,
				headers: signed(extendedBody),
				credentials,
			});
			expect(call.result.workflowData![0][0].json).toMatchObject({
				data: extended.data,
				delivery: { schemaValid: true },
			});
		});

		it('answers 400 instead when "Reject Payloads That Fail Validation" is on', async () => {
			const call = await callWebhook({
				body,
				headers: signed(body),
				credentials,
				parameters: { options: { rejectInvalidPayloads: true } },
			});
			expect(call.status).toBe(400);
			expect(call.json).toMatchObject({ error: 'invalid_payload' });
			expect(String(call.json!.message)).toContain('data.student.email');
			expectNoExecution(call);
		});
	});

	describe('limits', () => {
		it('answers 413 to a body over the maximum, before checking the signature', async () => {
			const big = bodyOf({
				...moduleUnfinished,
				data: { ...moduleUnfinished.data, pad: 'x'.repeat(2048) },
			});
			const call = await callWebhook({
				body: big,
				headers: { 'x-signature': 'not even hex' },
				credentials,
				parameters: { options: { maxBodySizeKb: 1 } },
			});
			expect(call.status).toBe(413);
			expectNoExecution(call);
		});
	});
});
