'use strict';
/**
 * Credentials, workflows and executions through n8n's APIs, for both pinned versions, and the
 * workflows the tooling builds: an Eduzz Trigger wired to a No Operation node, and n8n's own
 * Webhook node. Every function takes the handle of startN8n (after setupOwner) first;
 * `client(handle)` binds them.
 */
const crypto = require('node:crypto');

const { api, rest, request } = require('./client');
const { PACKAGE_NAME, isV1 } = require('./provision');
const { waitFor } = require('../wait');

const TRIGGER_TYPE = `${PACKAGE_NAME}.eduzzTrigger`;
const TRIGGER_NAME = 'Eduzz Trigger';
const NO_OP_NAME = 'No Operation';

// ---- building workflows -------------------------------------------------------------------------

/** n8n's No Operation node, right of a trigger at [0, 0]. */
function noOpNode() {
	return {
		id: crypto.randomUUID(),
		name: NO_OP_NAME,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
}

const REMOVE_DUPLICATES_NAME = 'Remove Duplicates';

/**
 * n8n's Remove Duplicates node as the README recommends after the trigger: "Remove Items Processed
 * in Previous Executions" on the event id, kept in n8n's database.
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
 */
function eduzzWorkflow({
	name,
	credential,
	parameters = {},
	webhookId = crypto.randomUUID(),
	typeVersion = 1.1,
	removeDuplicates = false,
}) {
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
		? [trigger, removeDuplicatesNode(), { ...noOpNode(), position: [440, 0] }]
		: [trigger, noOpNode()];
	const connections = {};
	for (let i = 0; i + 1 < chain.length; i++)
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	return { name, nodes: chain, connections, settings: { executionOrder: 'v1' } };
}

/**
 * n8n's Webhook node (v2, POST, answers on receipt) on `path`, optionally wired to a No Op.
 * `options` are the node's options, `settings` the workflow's.
 */
function webhookNodeWorkflow({
	name,
	path,
	webhookId = crypto.randomUUID(),
	options = {},
	noOp = false,
	settings = {},
}) {
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

async function createCredential(handle, type, name, data) {
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

/** `GET /rest/workflows/{id}/publication-status` (2.x only). */
function publicationStatus(handle, workflowId) {
	return rest(handle, 'GET', `/workflows/${workflowId}/publication-status`);
}

/**
 * Activates a workflow and reports the outcome without throwing:
 * `{ status: 'published' | 'failed', errorMessage?, triggers?, response }`. 1.x's `/activate`
 * runs the trigger's hook methods before answering; 2.x's `/publish` answers before (even when
 * create() fails), so its publication status is polled until it settles.
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
		return {
			status: 'failed',
			errorMessage: (res.body && res.body.message) || res.text,
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

/** Deactivates a workflow; on 2.x waits until no version is live any more, i.e. delete() ran. */
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
 */
function waitForWebhook(url, { method = 'POST' } = {}) {
	return waitFor(`webhook ${method} ${url} to be registered`, async (progress) => {
		const res = await request('OPTIONS', url, {
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': method },
		}).catch((error) => ({ status: 0, text: error.message }));
		progress(`${res.status} ${String(res.text).slice(0, 200)}`);
		return res.status >= 200 && res.status < 300 ? res : undefined;
	});
}

/**
 * "Listen for test event": n8n registers the workflow's test webhook (the trigger's create() with
 * the webhook-test URL) until a delivery starts an execution. 1.x runs the `workflowData` sent.
 */
async function listenForTestEvent(handle, workflowId, triggerName = TRIGGER_NAME) {
	const body = { triggerToStartFrom: { name: triggerName } };
	if (isV1(handle.version))
		body.workflowData = await rest(handle, 'GET', `/workflows/${workflowId}`);
	const result = await rest(handle, 'POST', `/workflows/${workflowId}/run`, body);
	if (!result || result.waitingForWebhook !== true)
		throw new Error(`the test run did not wait for a webhook: ${JSON.stringify(result)}`);
	return result;
}

// ---- executions ---------------------------------------------------------------------------------

const isFinished = (e) => Boolean(e.stoppedAt) || !['new', 'running', 'waiting'].includes(e.status);

/** Every execution of a workflow, newest first; `includeData` adds their run data. */
async function listExecutions(handle, workflowId, { includeData = false, status } = {}) {
	const out = [];
	let cursor;
	do {
		const qs = new URLSearchParams({
			workflowId: String(workflowId),
			includeData: String(includeData),
			limit: '250',
		});
		if (status) qs.set('status', status);
		if (cursor) qs.set('cursor', cursor);
		const page = await api(handle, 'GET', `/executions?${qs}`);
		out.push(...page.data);
		cursor = page.data.length > 0 ? page.nextCursor : undefined;
	} while (cursor);
	return out;
}

/** The `json` of every item a node output (all runs, main output 0) in an execution with data. */
function itemsOf(execution, nodeName) {
	const runs =
		execution && execution.data && execution.data.resultData && execution.data.resultData.runData;
	return ((runs && runs[nodeName]) || []).flatMap((r) =>
		((r.data && r.data.main && r.data.main[0]) || []).map((i) => i.json),
	);
}

/**
 * The executions of a workflow, each finished one fetched with its data once, so polling stays
 * cheap however many there are. `refresh()` resolves them all as `{ id, status, finished,
 * eventId, execution }`; `eventId` (the Eduzz event the trigger emitted) and `execution` (with
 * data) are there once the execution finished. A crashed one without the trigger's item is
 * fetched again: n8n may still recover its data.
 */
function trackExecutions(handle, workflowId) {
	const known = new Map();
	const settled = (e) => e && e.finished && (e.eventId !== undefined || e.status === 'success');
	return {
		async refresh() {
			for (const e of await listExecutions(handle, workflowId)) {
				if (settled(known.get(e.id))) continue;
				if (!isFinished(e)) {
					known.set(e.id, { id: e.id, status: e.status, finished: false });
					continue;
				}
				const execution = await api(handle, 'GET', `/executions/${e.id}?includeData=true`);
				const eventId = itemsOf(execution, TRIGGER_NAME)[0]?.id;
				known.set(e.id, { id: e.id, status: execution.status, finished: true, eventId, execution });
			}
			return [...known.values()];
		},
	};
}

/** Waits until at least `n` executions of the workflow finished; resolves the finished ones with data. */
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
			return finished.length >= n ? finished.map((e) => e.execution) : undefined;
		},
		{ intervalMs: 500 },
	);
}

/** Waits for the finished execution whose trigger emitted the Eduzz event `eventId`; resolves it with data. */
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
 */
function client(handle) {
	const trackers = new Map();
	const tracker = (workflowId) => {
		if (!trackers.has(workflowId)) trackers.set(workflowId, trackExecutions(handle, workflowId));
		return trackers.get(workflowId);
	};
	const bound =
		(fn) =>
		(...args) =>
			fn(handle, ...args);
	return {
		api: bound(api),
		rest: bound(rest),
		createCredential: bound(createCredential),
		createWorkflow: bound(createWorkflow),
		activate: bound(activate),
		deactivate: bound(deactivate),
		publicationStatus: bound(publicationStatus),
		listenForTestEvent: bound(listenForTestEvent),
		listExecutions: bound(listExecutions),
		executions: (workflowId) => tracker(workflowId).refresh(),
		waitForExecutions: (workflowId, n) =>
			waitForExecutions(handle, workflowId, n, { tracker: tracker(workflowId) }),
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
	webhookNodeWorkflow,
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
