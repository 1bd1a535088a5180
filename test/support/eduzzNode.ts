/**
 * The Eduzz node against the fake Eduzz, for unit tests of its requests: `run(parameters)` runs the
 * node in n8n-core's RoutingNode (test/support/n8nCoreContexts.ts) and returns its output items
 * with the requests the fake received meanwhile (method, path, query, body, auth header).
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import operations from '../fixtures/eduzz-api.json';
import { startFakeEduzz } from '../../tooling/fakeEduzz';
import { EVENTS } from '../../nodes/shared/events';
import { runEduzzNode } from './n8nCoreContexts';

/** Every scope an Eduzz operation needs. */
export const ALL_SCOPES = [...new Set(operations.flatMap((operation) => operation.scopes))];
const TOKEN = 'eduzz-node-test-token';
/** The auth header as the fake records it: it refuses any other token (401) and redacts the one it accepts. */
export const AUTH = 'Bearer ***';

/** An id picked in a resource locator by ID, as n8n stores it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value });

/** A request the fake received while the node ran; `auth` is its (redacted) authorization header. */
export interface NodeRequest {
	method: string | undefined;
	path: string;
	query: Record<string, string>;
	body?: unknown;
	auth: string | undefined;
}

export async function startEduzzApi({ scopes = ALL_SCOPES }: { scopes?: string[] } = {}) {
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
		async run(parameters: INodeParameters, { input }: { input?: INodeExecutionData[] } = {}) {
			const before = fake.requests.length;
			const items = await runEduzzNode({ parameters, credentials, input });
			const requests: NodeRequest[] = fake.requests
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
