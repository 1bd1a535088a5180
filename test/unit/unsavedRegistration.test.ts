import { mock } from 'jest-mock-extended';
import type { IWebhookFunctions } from 'n8n-workflow';

import {
	APP_SECRET_RETRY_MS,
	APP_SECRET_TTL_MS,
	appSecretForUnsavedRegistration,
} from '../../nodes/EduzzTrigger/unsavedRegistration';

/** A webhook context whose GET /webhook/v1/secret answers only when the test says so. */
function contextFor(token: string, registration = 'automatic') {
	const answers: Array<(response: { statusCode: number; body: unknown }) => void> = [];
	const warnings: string[] = [];
	const context = mock<IWebhookFunctions>({
		getNodeParameter: ((name: string) =>
			name === 'registration' ? registration : undefined) as never,
		getCredentials: (async () => ({
			accessToken: token,
			baseUrl: 'https://api.eduzz.test',
		})) as never,
		getNode: () => ({
			id: 'n',
			name: 'Eduzz Trigger',
			type: 't',
			typeVersion: 1.1,
			position: [0, 0],
			parameters: {},
		}),
		logger: { warn: (message: string) => warnings.push(message) } as never,
		helpers: {
			httpRequestWithAuthentication: jest.fn(() => new Promise((resolve) => answers.push(resolve))),
		} as never,
	});
	const calls = () =>
		(context.helpers.httpRequestWithAuthentication as jest.Mock).mock.calls.length;
	const answer = (statusCode: number, body: unknown) => answers.shift()!({ statusCode, body });
	return { context, calls, answer, warnings };
}

/** Lets the awaited getCredentials() and the request start. */
const flush = async () => {
	for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the app secret webhook() fetches while a registration is not saved yet', () => {
	it('is fetched once for every request that arrives while the fetch is in flight', async () => {
		const { context, calls, answer } = contextFor('token-a');
		const waiting = Array.from({ length: 5 }, (_, i) =>
			appSecretForUnsavedRegistration(context, {}, 1000 + i),
		);
		await flush();
		expect(calls()).toBe(1);
		answer(200, { id: 'secret-id', secret: 'edzwgd_app' });
		expect(await Promise.all(waiting)).toEqual(Array(5).fill('edzwgd_app'));
		expect(await appSecretForUnsavedRegistration(context, {}, 1000 + APP_SECRET_TTL_MS - 1)).toBe(
			'edzwgd_app',
		);
		expect(calls()).toBe(1);
	});

	it(`after a failure, requests get no secret until ${APP_SECRET_RETRY_MS / 1000} s after the failed fetch began, then one new fetch`, async () => {
		const { context, calls, answer, warnings } = contextFor('token-b');
		const first = appSecretForUnsavedRegistration(context, {}, 0);
		await flush();
		answer(500, { message: 'boom' });
		expect(await first).toBeUndefined();
		expect(warnings[0]).toContain('could not fetch the app secret');
		expect(
			await appSecretForUnsavedRegistration(context, {}, APP_SECRET_RETRY_MS - 1),
		).toBeUndefined();
		expect(calls()).toBe(1);

		const retry = appSecretForUnsavedRegistration(context, {}, APP_SECRET_RETRY_MS);
		await flush();
		expect(calls()).toBe(2);
		answer(200, { id: 'secret-id', secret: 'edzwgd_later' });
		expect(await retry).toBe('edzwgd_later');
	});

	it('is not fetched once a registration is stored, nor for manual registration', async () => {
		const automatic = contextFor('token-c');
		const stored = {
			registrations: {
				'https://n8n.example/webhook/x/webhook': {
					subscriptionId: 's',
					secretId: 'i',
					secret: 'kept',
					events: [],
				},
			},
		};
		expect(await appSecretForUnsavedRegistration(automatic.context, stored, 0)).toBeUndefined();
		const manual = contextFor('token-c', 'manual');
		expect(await appSecretForUnsavedRegistration(manual.context, {}, 0)).toBeUndefined();
		expect(automatic.calls() + manual.calls()).toBe(0);
	});
});
