// @ts-check
'use strict';
/**
 * Credentials, workflows and executions through n8n's APIs, for both pinned versions, and the
 * workflows the tooling builds: an Eduzz Trigger wired to a No Operation node, and n8n's own
 * Webhook node. Every function takes the handle of startN8n (after setupOwner) first;
 * `client(handle)` binds them.
 */
const crypto = require('node:crypto');

const { api, noAnswer, rest, request } = require('./client');
const { PACKAGE_NAME, isV1 } = require('./provision');
const { waitFor } = require('../wait');

/**
 * startN8n's handle (tooling/n8n/server.js) after setupOwner, or any connection to an n8n of a
 * known version.
 *
 * @typedef {import('./client').N8nConnection & { version: string }} N8nInstance
 */

/** @typedef {{ id: string, name: string }} CredentialRef how a node names its credential */

/**
 * A node in a workflow, as n8n's API takes and returns it.
 *
 * @typedef {object} WorkflowNode
 * @property {string} [id]
 * @property {string} name
 * @property {string} type
 * @property {number} typeVersion
 * @property {[number, number]} position
 * @property {string} [webhookId]
 * @property {import('n8n-workflow').INodeParameters} parameters
 * @property {Record<string, CredentialRef>} [credentials]
 * @property {boolean} [disabled]
 */

/** @typedef {{ node: string, type: string, index: number }} Connection */

/**
 * A workflow to create: `connections` by source node name, then output type.
 *
 * @typedef {object} WorkflowDefinition
 * @property {string} [name]
 * @property {WorkflowNode[]} nodes
 * @property {Record<string, Record<string, Connection[][]>>} [connections]
 * @property {Record<string, unknown>} [settings]
 * @property {import('n8n-workflow').IDataObject} [staticData]
 */

/**
 * A workflow as n8n's public API returns it. `staticData` is what the nodes saved, keyed
 * `node:<name>` (1.x's API description also allows it as a JSON string).
 *
 * @typedef {object} Workflow
 * @property {string} id
 * @property {string} name
 * @property {boolean} active
 * @property {WorkflowNode[]} nodes
 * @property {Record<string, Record<string, Connection[][]>>} connections
 * @property {Record<string, unknown>} settings
 * @property {import('n8n-workflow').IDataObject | string | null} [staticData]
 * @property {string} [versionId]
 */

/** @typedef {{ id: string, name: string, type: string }} Credential a credential n8n created */

/**
 * One trigger's state in a 2.x publication (`GET /rest/workflows/{id}/publication-status`).
 *
 * @typedef {{ nodeName?: string, status: string, errorMessage?: string }} PublicationTrigger
 */

/**
 * @typedef {object} PublicationStatus
 * @property {string} status 'published', 'failed', 'in_progress'…
 * @property {string | null} [liveVersionId]
 * @property {PublicationTrigger[]} [triggers]
 */

/**
 * What `activate` reports, without throwing: 2.x's publication outcome, or 1.x's `/activate`
 * answer; `response` is the answer's body.
 *
 * @typedef {object} Activation
 * @property {string} status 'published' or 'failed' (a 2.x publication may report another)
 * @property {string} [errorMessage]
 * @property {PublicationTrigger[]} [triggers]
 * @property {unknown} response
 */

/**
 * What a node did in one run: its items by output, or its error.
 *
 * @typedef {object} TaskRun
 * @property {{ main?: ({ json: import('n8n-workflow').IDataObject }[] | null)[] }} [data]
 * @property {{ message: string, description?: string | null }} [error]
 * @property {string} [executionStatus]
 */

/**
 * An execution from n8n's public API (ids are numbers on 1.x, strings on 2.x); `data` only
 * when asked for.
 *
 * @typedef {object} Execution
 * @property {string | number} id
 * @property {string} status 'success', 'error', 'crashed', 'running', 'new', 'waiting'…
 * @property {boolean} finished
 * @property {string} mode 'webhook', 'trigger', 'manual'…
 * @property {string | null} startedAt
 * @property {string | null} stoppedAt
 * @property {string} workflowId
 * @property {{ resultData?: { runData?: Record<string, TaskRun[]>, error?: { message: string } } }} [data]
 */

/**
 * A workflow's execution as trackExecutions sees it: `eventId` and `execution` (with data)
 * are there once it finished.
 *
 * @typedef {object} TrackedExecution
 * @property {string | number} id
 * @property {string} status
 * @property {boolean} finished
 * @property {string | null} [eventId] the id of the Eduzz event the trigger emitted
 * @property {Execution} [execution]
 */

/** @typedef {import('../../nodes/EduzzTrigger/delivery').EduzzEventItem} EduzzEventItem */

/** @typedef {ReturnType<typeof client>} Client `client(handle)` */

const TRIGGER_TYPE = `${PACKAGE_NAME}.eduzzTrigger`;
const TRIGGER_NAME = 'Eduzz Trigger';
const NO_OP_NAME = 'No Operation';

// ---- building workflows -------------------------------------------------------------------------

/**
 * n8n's No Operation node, by default right of a trigger at [0, 0].
 *
 * @param {[number, number]} [position]
 * @returns {WorkflowNode}
 */
function noOpNode(position = [220, 0]) {
	return {
		id: crypto.randomUUID(),
		name: NO_OP_NAME,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position,
		parameters: {},
	};
}

const REMOVE_DUPLICATES_NAME = 'Remove Duplicates';

/**
 * n8n's Remove Duplicates node as the README recommends after the trigger: "Remove Items Processed
 * in Previous Executions" on the event id, kept in n8n's database.
 *
 * @returns {WorkflowNode}
 */
function removeDuplicatesNode() {
	return {
		id: crypto.randomUUID(),
		name: REMOVE_DUPLICATES_NAME,
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		position: [220, 0],
		parameters: {
			operation: 'removeItemsSeenInPreviousExecutions',
			dedupeValue: '={{ $json.id }}',
			options: {},
		},
	};
}

/**
 * An Eduzz Trigger (manual registration of module_unfinished unless `parameters` say otherwise) →
 * No Op, with Remove Duplicates between them when `removeDuplicates` is set.
 *
 * @param {object} options
 * @param {string} options.name
 * @param {CredentialRef} options.credential
 * @param {import('n8n-workflow').INodeParameters} [options.parameters] the trigger's, over the defaults
 * @param {string} [options.webhookId]
 * @param {number} [options.typeVersion] the trigger's
 * @param {boolean} [options.removeDuplicates]
 * @returns {WorkflowDefinition & { name: string, connections: object }}
 */
function eduzzWorkflow({
	name,
	credential,
	parameters = {},
	webhookId = crypto.randomUUID(),
	typeVersion = 1.1,
	removeDuplicates = false,
}) {
	/** @type {WorkflowNode} */
	const trigger = {
		id: crypto.randomUUID(),
		name: TRIGGER_NAME,
		type: TRIGGER_TYPE,
		typeVersion, // 1.1 is what the editor adds; 1 is a node saved before 1.1 existed
		position: [0, 0],
		webhookId,
		parameters: {
			events: ['alpaclass.student_module_unfinished'],
			registration: 'manual',
			options: {},
			...parameters,
		},
		credentials: { eduzzApi: { id: credential.id, name: credential.name } },
	};
	const chain = removeDuplicates
		? [trigger, removeDuplicatesNode(), noOpNode([440, 0])]
		: [trigger, noOpNode()];
	/** @type {Record<string, Record<string, Connection[][]>>} */
	const connections = {};
	for (let i = 0; i + 1 < chain.length; i++)
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	return { name, nodes: chain, connections, settings: { executionOrder: 'v1' } };
}

/**
 * The `webhookId` of a workflow's node (by default its Eduzz Trigger), for its webhook URLs.
 *
 * @param {{ name?: string, nodes: WorkflowNode[] }} workflow
 * @param {string} [nodeName]
 * @returns {string}
 */
function webhookIdOf(workflow, nodeName = TRIGGER_NAME) {
	const webhookId = workflow.nodes.find((node) => node.name === nodeName)?.webhookId;
	if (!webhookId)
		throw new Error(`workflow ${workflow.name}: no node ${nodeName} with a webhookId`);
	return webhookId;
}

/**
 * n8n's Webhook node (v2, POST, answers on receipt) on `path`, optionally wired to a No Op.
 * `options` are the node's options, `settings` the workflow's.
 *
 * @param {object} options
 * @param {string} options.name
 * @param {string} options.path
 * @param {string} [options.webhookId]
 * @param {import('n8n-workflow').INodeParameters} [options.options]
 * @param {boolean} [options.noOp]
 * @param {Record<string, unknown>} [options.settings]
 * @returns {WorkflowDefinition & { name: string }}
 */
function webhookNodeWorkflow({
	name,
	path,
	webhookId = crypto.randomUUID(),
	options = {},
	noOp = false,
	settings = {},
}) {
	/** @type {WorkflowNode} */
	const webhook = {
		id: crypto.randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options },
	};
	return {
		name,
		nodes: noOp ? [webhook, noOpNode()] : [webhook],
		connections: noOp
			? { Webhook: { main: [[{ node: NO_OP_NAME, type: 'main', index: 0 }]] } }
			: {},
		settings: { executionOrder: 'v1', ...settings },
	};
}

// ---- credentials and workflows ------------------------------------------------------------------

/**
 * The data of an Eduzz credential (`eduzzApi`): a webhook secret for manual registration, an API
 * token and base URL for the Eduzz node and automatic registration; Eduzz's public API by default.
 *
 * @param {{ webhookSecret?: string, accessToken?: string, baseUrl?: string }} [data]
 * @returns {{ webhookSecret: string, previousWebhookSecret: string, accessToken: string, baseUrl: string }}
 */
function eduzzCredentialData({
	webhookSecret = '',
	accessToken = '',
	baseUrl = 'https://api.eduzz.com',
} = {}) {
	return { webhookSecret, previousWebhookSecret: '', accessToken, baseUrl };
}

/**
 * @param {N8nInstance} handle
 * @param {string} type the credential type's name, e.g. `eduzzApi`
 * @param {string} name
 * @param {import('n8n-workflow').ICredentialDataDecryptedObject} data
 * @returns {Promise<Credential>}
 */
async function createCredential(handle, type, name, data) {
	/** @type {{ properties?: Record<string, unknown> } | undefined} */
	const schema = await api(handle, 'GET', `/credentials/schema/${encodeURIComponent(type)}`);
	const body = { ...data };
	// n8n 1.123 adds this field to every credential schema and refuses a credential without it.
	if (
		schema &&
		schema.properties &&
		'allowedHttpRequestDomains' in schema.properties &&
		body.allowedHttpRequestDomains === undefined
	) {
		body.allowedHttpRequestDomains = 'all';
	}
	return api(handle, 'POST', '/credentials', { name, type, data: body });
}

/**
 * @param {N8nInstance} handle
 * @param {WorkflowDefinition} workflow
 * @returns {Promise<Workflow>}
 */
function createWorkflow(
	handle,
	{ name = `workflow ${Date.now()}`, nodes, connections = {}, settings = {}, staticData },
) {
	return api(handle, 'POST', '/workflows', {
		name,
		nodes,
		connections,
		settings,
		...(staticData ? { staticData } : {}),
	});
}

/**
 * `GET /rest/workflows/{id}/publication-status` (2.x only).
 *
 * @param {N8nInstance} handle
 * @param {string} workflowId
 * @returns {Promise<PublicationStatus | undefined>}
 */
function publicationStatus(handle, workflowId) {
	return rest(handle, 'GET', `/workflows/${workflowId}/publication-status`);
}

/**
 * Activates a workflow and reports the outcome without throwing:
 * `{ status: 'published' | 'failed', errorMessage?, triggers?, response }`. 1.x's `/activate`
 * runs the trigger's hook methods before answering; 2.x's `/publish` answers before (even when
 * create() fails), so its publication status is polled until it settles.
 *
 * @param {N8nInstance} handle
 * @param {string} workflowId
 * @returns {Promise<Activation>}
 */
async function activate(handle, workflowId) {
	const res = await api(
		handle,
		'POST',
		`/workflows/${workflowId}/${isV1(handle.version) ? 'activate' : 'publish'}`,
		undefined,
		{ raw: true },
	);
	if (res.status < 200 || res.status >= 300) {
		const { body } =
			/** @type {import('./client').HttpResponse<{ message?: string } | undefined>} */ (res);
		return {
			status: 'failed',
			errorMessage: body?.message || res.text,
			response: res.body,
		};
	}
	if (isV1(handle.version)) return { status: 'published', response: res.body };
	const publication = await waitFor(
		`the publication of workflow ${workflowId}`,
		async (progress) => {
			const s = await publicationStatus(handle, workflowId);
			progress(s && [s.status, (s.triggers || []).map((t) => t.status)]);
			return s && (s.status === 'published' || s.status === 'failed') ? s : undefined;
		},
	);
	const failed = (publication.triggers || []).filter((t) => t.status === 'failed');
	const errorMessage =
		failed
			.map((t) => t.errorMessage)
			.filter(Boolean)
			.join('; ') || undefined;
	return {
		status: publication.status,
		errorMessage,
		triggers: publication.triggers,
		response: res.body,
	};
}

/**
 * Deactivates a workflow; on 2.x waits until no version is live any more, i.e. delete() ran.
 * Resolves n8n's answer.
 *
 * @param {N8nInstance} handle
 * @param {string} workflowId
 * @returns {Promise<unknown>}
 */
async function deactivate(handle, workflowId) {
	if (isV1(handle.version)) return api(handle, 'POST', `/workflows/${workflowId}/deactivate`);
	const body = await api(handle, 'POST', `/workflows/${workflowId}/unpublish`);
	await waitFor(`the unpublication of workflow ${workflowId}`, async (progress) => {
		const s = await publicationStatus(handle, workflowId);
		progress(s && [s.status, s.liveVersionId]);
		return s && s.status !== 'in_progress' && !s.liveVersionId ? s : undefined;
	});
	return body;
}

/**
 * Waits until n8n serves a webhook URL (production or test). Probes with a CORS preflight
 * (OPTIONS + Origin), which never starts an execution nor consumes a one-shot test webhook: n8n
 * answers it 204 once the path is registered for `method`, and 404 or 500 before.
 *
 * @param {string} url
 * @param {{ method?: string }} [options]
 * @returns {Promise<import('./client').HttpResponse>} the preflight's answer
 */
function waitForWebhook(url, { method = 'POST' } = {}) {
	return waitFor(`webhook ${method} ${url} to be registered`, async (progress) => {
		const res = await request('OPTIONS', url, {
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': method },
		}).catch(noAnswer);
		progress(`${res.status} ${String(res.text).slice(0, 200)}`);
		return res.status >= 200 && res.status < 300 ? res : undefined;
	});
}

/**
 * "Listen for test event": n8n registers the workflow's test webhook (the trigger's create() with
 * the webhook-test URL) until a delivery starts an execution. 1.x runs the `workflowData` sent.
 *
 * @param {N8nInstance} handle
 * @param {string} workflowId
 * @param {string} [triggerName]
 * @returns {Promise<{ waitingForWebhook: true }>}
 */
async function listenForTestEvent(handle, workflowId, triggerName = TRIGGER_NAME) {
	/** @type {{ triggerToStartFrom: { name: string }, workflowData?: unknown }} */
	const body = { triggerToStartFrom: { name: triggerName } };
	if (isV1(handle.version))
		body.workflowData = await rest(handle, 'GET', `/workflows/${workflowId}`);
	/** @type {{ waitingForWebhook?: boolean } | undefined} */
	const result = await rest(handle, 'POST', `/workflows/${workflowId}/run`, body);
	if (!result || result.waitingForWebhook !== true)
		throw new Error(`the test run did not wait for a webhook: ${JSON.stringify(result)}`);
	return { ...result, waitingForWebhook: true };
}

// ---- executions ---------------------------------------------------------------------------------

/** @type {(e: Execution) => boolean} */
const isFinished = (e) => Boolean(e.stoppedAt) || !['new', 'running', 'waiting'].includes(e.status);

/**
 * Every execution of a workflow, newest first; `includeData` adds their run data.
 *
 * @param {N8nInstance} handle
 * @param {string} workflowId
 * @param {{ includeData?: boolean, status?: string }} [options]
 * @returns {Promise<Execution[]>}
 */
async function listExecutions(handle, workflowId, { includeData = false, status } = {}) {
	/** @type {Execution[]} */
	const out = [];
	/** @type {string | undefined} */
	let cursor;
	do {
		const qs = new URLSearchParams({
			workflowId: String(workflowId),
			includeData: String(includeData),
			limit: '250',
		});
		if (status) qs.set('status', status);
		if (cursor) qs.set('cursor', cursor);
		/** @type {{ data: Execution[], nextCursor?: string | null }} */
		const page = await api(handle, 'GET', `/executions?${qs}`);
		out.push(...page.data);
		cursor = page.data.length > 0 ? (page.nextCursor ?? undefined) : undefined;
	} while (cursor);
	return out;
}

/**
 * The `json` of every item a node output (all runs, main output 0) in an execution with data,
 * of the type the caller expects (`T`): an Eduzz Trigger's, or what follows it, are
 * EduzzEventItem.
 *
 * @template [T=import('n8n-workflow').IDataObject]
 * @param {Execution | undefined} execution
 * @param {string} nodeName
 * @returns {T[]}
 */
function itemsOf(execution, nodeName) {
	const runs =
		execution && execution.data && execution.data.resultData && execution.data.resultData.runData;
	return ((runs && runs[nodeName]) || []).flatMap((r) =>
		((r.data && r.data.main && r.data.main[0]) || []).map((i) => /** @type {T} */ (i.json)),
	);
}

/**
 * The executions of a workflow, each finished one fetched with its data once, so polling stays
 * cheap however many there are. `refresh()` resolves them all as `{ id, status, finished,
 * eventId, execution }`; `eventId` (the Eduzz event the trigger emitted) and `execution` (with
 * data) are there once the execution finished. A crashed one without the trigger's item is
 * fetched again: n8n may still recover its data.
 *
 * @param {N8nInstance} handle
 * @param {string} workflowId
 * @returns {{ refresh(): Promise<TrackedExecution[]> }}
 */
function trackExecutions(handle, workflowId) {
	/** @type {Map<string | number, TrackedExecution>} */
	const known = new Map();
	/** @type {(e: TrackedExecution | undefined) => boolean | undefined} */
	const settled = (e) => e && e.finished && (e.eventId !== undefined || e.status === 'success');
	return {
		async refresh() {
			for (const e of await listExecutions(handle, workflowId)) {
				if (settled(known.get(e.id))) continue;
				if (!isFinished(e)) {
					known.set(e.id, { id: e.id, status: e.status, finished: false });
					continue;
				}
				/** @type {Execution} */
				const execution = await api(handle, 'GET', `/executions/${e.id}?includeData=true`);
				/** @type {EduzzEventItem[]} */
				const items = itemsOf(execution, TRIGGER_NAME);
				const eventId = items[0]?.id;
				known.set(e.id, { id: e.id, status: execution.status, finished: true, eventId, execution });
			}
			return [...known.values()];
		},
	};
}

/**
 * Waits until at least `n` executions of the workflow finished; resolves the finished ones with data.
 *
 * @param {N8nInstance} handle
 * @param {string} workflowId
 * @param {number} n
 * @param {{ tracker?: ReturnType<typeof trackExecutions> }} [options]
 * @returns {Promise<Execution[]>}
 */
function waitForExecutions(
	handle,
	workflowId,
	n,
	{ tracker = trackExecutions(handle, workflowId) } = {},
) {
	return waitFor(
		`${n} finished execution(s) of workflow ${workflowId}`,
		async (progress) => {
			const finished = (await tracker.refresh()).filter((e) => e.finished);
			progress(`${finished.length} finished`);
			return finished.length >= n ? finished.map((e) => executionOf(e)) : undefined;
		},
		{ intervalMs: 500 },
	);
}

/**
 * A finished execution's data (trackExecutions fetched it).
 *
 * @param {TrackedExecution} tracked
 * @returns {Execution}
 */
function executionOf(tracked) {
	if (!tracked.execution) throw new Error(`execution ${tracked.id} has not finished`);
	return tracked.execution;
}

/**
 * Waits for the finished execution whose trigger emitted the Eduzz event `eventId`; resolves it with data.
 *
 * @param {N8nInstance} handle
 * @param {string} workflowId
 * @param {string} eventId
 * @param {{ tracker?: ReturnType<typeof trackExecutions> }} [options]
 * @returns {Promise<Execution>}
 */
function waitForEvent(
	handle,
	workflowId,
	eventId,
	{ tracker = trackExecutions(handle, workflowId) } = {},
) {
	return waitFor(
		`the execution of event ${eventId} in workflow ${workflowId}`,
		async (progress) => {
			const all = await tracker.refresh();
			progress(`${all.filter((e) => e.finished).length} of ${all.length} executions finished`);
			return all.find((e) => e.eventId === eventId)?.execution;
		},
		{ intervalMs: 500 },
	);
}

/**
 * The functions above bound to one handle: `const c = client(handle); await c.activate(id)`.
 * The execution waits share one tracker per workflow, so each execution is fetched once.
 *
 * @param {N8nInstance} handle
 */
function client(handle) {
	/** @type {Map<string, ReturnType<typeof trackExecutions>>} */
	const trackers = new Map();
	/** @param {string} workflowId */
	const tracker = (workflowId) => {
		let found = trackers.get(workflowId);
		if (!found) trackers.set(workflowId, (found = trackExecutions(handle, workflowId)));
		return found;
	};
	/**
	 * @template {unknown[]} A
	 * @template R
	 * @param {(handle: N8nInstance, ...args: A) => R} fn
	 * @returns {(...args: A) => R}
	 */
	const bound =
		(fn) =>
		(...args) =>
			fn(handle, ...args);
	return {
		/**
		 * Public API call; resolves the answer's JSON as the caller types it (`T`).
		 *
		 * @template [T=unknown]
		 * @param {string} method
		 * @param {string} apiPath
		 * @param {unknown} [body]
		 * @returns {Promise<T>}
		 */
		api: (method, apiPath, body) => api(handle, method, apiPath, body),
		/**
		 * Internal REST call; resolves the `data` of the answer as the caller types it (`T`).
		 *
		 * @template [T=unknown]
		 * @param {string} method
		 * @param {string} restPath
		 * @param {unknown} [body]
		 * @returns {Promise<T>}
		 */
		rest: (method, restPath, body) => rest(handle, method, restPath, body),
		createCredential: bound(createCredential),
		createWorkflow: bound(createWorkflow),
		activate: bound(activate),
		deactivate: bound(deactivate),
		publicationStatus: bound(publicationStatus),
		listenForTestEvent: bound(listenForTestEvent),
		listExecutions: bound(listExecutions),
		/** @param {string} workflowId */
		executions: (workflowId) => tracker(workflowId).refresh(),
		/**
		 * @param {string} workflowId
		 * @param {number} n
		 */
		waitForExecutions: (workflowId, n) =>
			waitForExecutions(handle, workflowId, n, { tracker: tracker(workflowId) }),
		/**
		 * @param {string} workflowId
		 * @param {string} eventId
		 */
		waitForEvent: (workflowId, eventId) =>
			waitForEvent(handle, workflowId, eventId, { tracker: tracker(workflowId) }),
		waitForWebhook,
	};
}

module.exports = {
	TRIGGER_TYPE,
	TRIGGER_NAME,
	NO_OP_NAME,
	REMOVE_DUPLICATES_NAME,
	noOpNode,
	eduzzWorkflow,
	webhookIdOf,
	webhookNodeWorkflow,
	eduzzCredentialData,
	createCredential,
	createWorkflow,
	publicationStatus,
	activate,
	deactivate,
	waitForWebhook,
	listenForTestEvent,
	listExecutions,
	itemsOf,
	trackExecutions,
	waitForExecutions,
	waitForEvent,
	client,
};
