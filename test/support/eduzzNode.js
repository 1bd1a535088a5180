'use strict';
/**
 * The Eduzz node against the fake Eduzz, for unit tests of its requests: `run(parameters)` runs the
 * node in n8n-core's RoutingNode (test/support/n8nCoreContexts.js) and returns its output items
 * with the requests the fake received meanwhile (method, path, query, body, auth header).
 */
const operations = require('../fixtures/eduzz-api.json');
const { startFakeEduzz } = require('../../tooling/fakeEduzz');
const { EVENTS } = require('../../nodes/shared/events');
const { runEduzzNode } = require('./n8nCoreContexts');

/** Every scope an Eduzz operation needs. */
const ALL_SCOPES = [...new Set(operations.flatMap((operation) => operation.scopes))];
const TOKEN = 'eduzz-node-test-token';
/** The auth header as the fake records it: it refuses any other token (401) and redacts the one it accepts. */
const AUTH = 'Bearer ***';

/** An id picked in a resource locator by ID, as n8n stores it. */
const byId = (value) => ({ __rl: true, mode: 'id', value });

async function startEduzzApi({ scopes = ALL_SCOPES } = {}) {
	const fake = await startFakeEduzz({ events: EVENTS, tokens: { [TOKEN]: scopes } });
	const credentials = {
		accessToken: TOKEN,
		baseUrl: fake.baseUrl,
		webhookSecret: '',
		previousWebhookSecret: '',
	};
	return {
		fake,
		/** Runs the node; resolves `{ items, requests }` (requests without the auth header, which `auth` holds). */
		async run(parameters, { input } = {}) {
			const before = fake.requests.length;
			const items = await runEduzzNode({ parameters, credentials, input });
			const requests = fake.requests
				.slice(before)
				.map(({ method, path, query, body, headers }) => ({
					method,
					path,
					query,
					...(body === undefined ? {} : { body }),
					auth: headers.authorization,
				}));
			return { items, requests };
		},
		close: () => fake.close(),
	};
}

module.exports = { startEduzzApi, byId, ALL_SCOPES, AUTH };
