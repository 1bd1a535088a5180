/*
 * n8n 1.123 and 2.41 ship zod 3.25, whose default export is the v3 API. A later n8n may ship zod 4,
 * whose default export is the v4 API. The node imports zod/v3, which both provide: here `zod`
 * resolves to zod 4 and the node must still load and validate.
 */
jest.mock('zod', () => jest.requireActual('zod4'));
jest.mock('zod/v3', () => jest.requireActual('zod4/v3'));

/* eslint-disable @typescript-eslint/no-require-imports */
const zod4 = require('zod4/package.json') as { version: string };
const zod4v3 = require('zod4/v3') as typeof import('zod/v3');
const { EduzzTrigger } =
	require('../../nodes/EduzzTrigger/EduzzTrigger.node') as typeof import('../../nodes/EduzzTrigger/EduzzTrigger.node');
const { EVENTS_BY_NAME, findEvent } =
	require('../../nodes/shared/events') as typeof import('../../nodes/shared/events');
const { handleDelivery } =
	require('../../nodes/EduzzTrigger/delivery') as typeof import('../../nodes/EduzzTrigger/delivery');
/* eslint-enable @typescript-eslint/no-require-imports */

import { createHmac } from 'node:crypto';

import examples from '../fixtures/eduzz-events.json';

const KEY = 'zod4-test-key';

function deliver(envelope: unknown) {
	const rawBody = Buffer.from(JSON.stringify(envelope));
	const event = (envelope as { event: string }).event;
	return handleDelivery(
		{
			rawBody,
			headers: { 'x-signature': createHmac('sha256', KEY).update(rawBody).digest('hex') },
			receivedAt: new Date(),
		},
		{
			keys: [KEY],
			events: new Set([findEvent(event)?.name ?? event]),
			rejectInvalidPayloads: false,
			maxBodyBytes: 1 << 20,
		},
	);
}

describe('with zod 4 as the zod n8n provides', () => {
	it('really runs on zod 4, whose default export is the v4 API', () => {
		expect(zod4.version.startsWith('4.')).toBe(true);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		expect(require('zod')).toHaveProperty('core');
		expect(EVENTS_BY_NAME.get('alpaclass.student_module_unfinished')?.schema).toBeInstanceOf(
			zod4v3.ZodObject,
		);
	});

	it('the node loads and describes its 63 events', () => {
		expect(new EduzzTrigger().description.properties[0].options).toHaveLength(63);
	});

	it.each(examples.map((example) => [example.name, example.envelope] as const))(
		'%s: Eduzz example validates',
		(_name, envelope) => {
			expect(deliver(envelope)).toMatchObject({
				kind: 'emit',
				item: { delivery: { schemaValid: true } },
			});
		},
	);

	it('a payload that does not match its schema still names the field', () => {
		const envelope = examples.find(
			(example) => example.name === 'alpaclass.student_module_unfinished',
		)!.envelope;
		const broken = {
			...envelope,
			data: {
				...envelope.data,
				student: { ...(envelope.data as { student: object }).student, email: 42 },
			},
		};
		expect(deliver(broken)).toMatchObject({
			kind: 'emit',
			item: {
				delivery: {
					schemaValid: false,
					schemaIssues: ['data.student.email: Expected string, received number'],
				},
			},
		});
	});
});
