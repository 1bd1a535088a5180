'use strict';
/**
 * Runs the Eduzz Trigger inside n8n-core's REAL node contexts, outside n8n's CLI:
 *
 * - `HookContext` (checkExists/create/delete) and `WebhookContext` (webhook()) from n8n-core, built
 *   exactly as n8n's CLI `WebhookService.runWebhookMethod` / `runWebhook` build them;
 * - a real n8n-workflow `Workflow` (the node with its parameters, defaults applied by n8n, static
 *   data, webhookId) over a real `INodeTypes` holding our node;
 * - n8n-core's own request helpers (`httpRequestWithAuthentication` → OutboundHttp → axios), error
 *   wrapping (NodeApiError), getNodeParameter, getCredentials, getWorkflowStaticData and
 *   getNodeWebhookUrl.
 *
 * Written in JS, not TS: it needs n8n-core's own copies of `@n8n/di`, `@n8n/backend-common` and
 * `@n8n/config` (transitive, not devDependencies) plus node:http/fs/os/zlib, which the community
 * lint rules forbid in .ts files.
 *
 * What is ours (and small): the DI setup below, `TestCredentialsHelper` (ICredentialsHelper, mirroring
 * n8n's CLI CredentialsHelper for a credential with a generic `authenticate` block), `TestNodeTypes`,
 * a recording Logger, and a loopback webhook server that plays n8n's webhook router + body reader and
 * hands WebhookContext a minimal express-like response (status/json/send/end) over Node's real
 * ServerResponse (express is not installed).
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
/** n8n-core's own copy of a dependency: DI tokens are classes, so the copy must be the same one. */
const fromCore = (id) => require(require.resolve(id, { paths: [coreDir] }));

fromCore('reflect-metadata');
const {
	ExecuteContext,
	HookContext,
	InstanceSettings,
	RoutingNode,
	WebhookContext,
} = require('n8n-core');
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');
const { InstanceSettingsConfig } = fromCore('@n8n/config');
const {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	createEmptyRunExecutionData,
	isExpression,
	UnexpectedError,
} = require('n8n-workflow');

const NODE_TYPE = 'n8n-nodes-eduzz.eduzzTrigger';
const NODE_NAME = 'Eduzz Trigger';
const DEFAULT_WEBHOOK_ID = '6a1f0c9e-e2e0-4c1a-9d33-0a4b5c6d7e8f';

// ---- DI: the minimum n8n-core resolves from its container ----------------------------------------

/** Collects what the node (and n8n-core) log; NodeExecutionContext.logger is Container.get(Logger). */
const logs = [];
const record = (level) => (message) => logs.push(`${level}: ${message}`);
const recordingLogger = {
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
	scoped() {
		return recordingLogger;
	},
};

let containerReady = false;
function setUpContainer() {
	if (containerReady) return;
	Container.set(Logger, recordingLogger);
	// The real InstanceSettings (read by every NodeExecutionContext), pointed at a throw-away folder
	// with a fixed key so it neither reads nor writes ~/.n8n. It keeps its settings in memory.
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-core-contexts-'));
	const config = Container.get(InstanceSettingsConfig);
	config.n8nFolder = folder;
	config.encryptionKey = 'n8n-core-contexts-test-key';
	Container.get(InstanceSettings);
	fs.rmSync(folder, { recursive: true, force: true });
	// OutboundHttp (used by httpRequestWithAuthentication) is built by the container from its
	// defaults: SSRF protection off, proxy from the environment.
	containerReady = true;
}

// ---- INodeTypes ---------------------------------------------------------------------------------

class TestNodeTypes {
	constructor(types) {
		this.types = types;
	}
	getByName(type) {
		const nodeType = this.types[type];
		if (!nodeType) throw new UnexpectedError(`Unrecognized node type: ${type}`);
		return nodeType;
	}
	getByNameAndVersion(type, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}
	getKnownTypes() {
		return {};
	}
}

// ---- ICredentialsHelper -------------------------------------------------------------------------

/**
 * One stored credential. Mirrors n8n's CLI CredentialsHelper (packages/cli/src/credentials-helper.ts)
 * where it matters here: `getDecrypted` looks the credential up by the node's id + type and applies
 * the type's defaults (`applyDefaultsAndOverwrites`, without overwrites, external secrets or
 * expression resolution); `authenticate` applies a generic `authenticate` block with the workflow's
 * expression engine and `$credentials`, or calls a function block; `preAuthentication` only acts on
 * credentials with an expirable hidden property (this one has none).
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor({ id, name, credentialType, data }) {
		super();
		this.stored = { id, name, type: credentialType.name };
		this.credentialType = credentialType;
		this.data = data;
		/** Each request as `authenticate` handed it to n8n's HTTP client (method, url, headers). */
		this.authenticatedRequests = [];
	}

	typeByName(typeName) {
		if (typeName !== this.credentialType.name)
			throw new UnexpectedError(`Unknown credential type: ${typeName}`);
		return this.credentialType;
	}

	getParentTypes(typeName) {
		return this.typeByName(typeName).extends ?? [];
	}

	isCredentialUsableByNode(typeName, nodeType) {
		const type = this.typeByName(typeName);
		return !type.restrictToSupportedNodes || (type.supportedNodes ?? []).includes(nodeType);
	}

	getCredentialsProperties(typeName) {
		return this.typeByName(typeName).properties;
	}

	async getDecrypted(_additionalData, nodeCredentials, typeName) {
		if (
			!nodeCredentials ||
			nodeCredentials.id !== this.stored.id ||
			typeName !== this.stored.type
		) {
			throw new UnexpectedError(
				`Credential with ID "${nodeCredentials && nodeCredentials.id}" does not exist for type "${typeName}".`,
			);
		}
		return NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(typeName),
			{ ...this.data },
			true,
			false,
			null,
			null,
		);
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = this.typeByName(typeName);
		let options = requestOptions;
		if (typeof authenticate === 'function') {
			options = await authenticate(credentials, requestOptions);
		} else if (typeof authenticate === 'object') {
			if (!workflow || !node)
				throw new UnexpectedError(
					'Workflow and node are required for declarative credential authentication',
				);
			if (options.headers === undefined) options.headers = {};
			if (authenticate.type === 'generic') {
				const resolve = (value) => {
					if (!isExpression(value)) return value;
					const resolved = workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					);
					return resolved ? resolved.toString() : '';
				};
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue)) {
						if (!options[outerKey]) options[outerKey] = {};
						options[outerKey][resolve(key)] = resolve(value);
					}
				}
			}
		}
		this.authenticatedRequests.push({
			method: options.method ?? 'GET',
			url: options.url,
			headers: { ...options.headers },
		});
		return options;
	}

	async preAuthentication(_helpers, _credentials, typeName) {
		const type = this.typeByName(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined) return undefined;
		throw new UnexpectedError(
			'TestCredentialsHelper does not implement preAuthentication for expirable credentials',
		);
	}

	async runPreAuthentication(_helpers, _credentials, typeName) {
		if (typeof this.typeByName(typeName).preAuthentication !== 'function') return undefined;
		throw new UnexpectedError('TestCredentialsHelper does not implement runPreAuthentication');
	}

	async getCredentials() {
		throw new UnexpectedError('TestCredentialsHelper.getCredentials is not used by these tests');
	}

	async updateCredentials() {
		throw new UnexpectedError('TestCredentialsHelper.updateCredentials is not used by these tests');
	}

	async updateCredentialsOauthTokenData() {
		throw new UnexpectedError(
			'TestCredentialsHelper.updateCredentialsOauthTokenData is not used by these tests',
		);
	}
}

// ---- webhook data, as n8n's CLI WebhookService.getNodeWebhooks computes it ------------------------

function getNodeWebhooks(workflow, node, additionalData, nodeTypes) {
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const workflowId = workflow.id || '__UNSAVED__';
	const result = [];
	for (const webhookDescription of nodeType.description.webhooks ?? []) {
		let nodeWebhookPath = String(
			workflow.expression.getSimpleParameterValue(node, webhookDescription.path, 'internal', {}),
		);
		nodeWebhookPath = nodeWebhookPath.replace(/^\//, '').replace(/\/$/, '');
		const isFullPath = workflow.expression.getSimpleParameterValue(
			node,
			webhookDescription.isFullPath,
			'internal',
			{},
			undefined,
			false,
		);
		const restartWebhook = workflow.expression.getSimpleParameterValue(
			node,
			webhookDescription.restartWebhook,
			'internal',
			{},
			undefined,
			false,
		);
		const webhookPath = NodeHelpers.getNodeWebhookPath(
			workflowId,
			node,
			nodeWebhookPath,
			isFullPath,
			restartWebhook,
		);
		const methods = workflow.expression.getSimpleParameterValue(
			node,
			webhookDescription.httpMethod,
			'internal',
			{},
			undefined,
			'GET',
		);
		for (const httpMethod of String(methods).split(',')) {
			if (!httpMethod) continue;
			result.push({
				httpMethod: httpMethod.trim(),
				node: node.name,
				path: webhookPath,
				webhookDescription,
				workflowId,
				workflowExecuteAdditionalData: additionalData,
				webhookId: undefined,
			});
		}
	}
	return result;
}

// ---- request/response as n8n's webhook server hands them to WebhookContext ------------------------

function readStream(stream) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		stream.on('data', (chunk) => chunks.push(chunk));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

/**
 * n8n's `rawBodyReader` + `bodyParser` middlewares (packages/cli/src/middlewares/body-parser.ts):
 * `readRawBody()` reads the bytes (gunzip/inflate undone), JSON bodies are read and parsed up front.
 */
async function prepareRequest(req, url) {
	const [mediaType, ...params] = String(req.headers['content-type'] ?? '').split(';');
	req.contentType = mediaType.trim().toLowerCase() || undefined;
	const charset = params
		.map((p) => p.trim().split('='))
		.find(([k]) => k && k.toLowerCase() === 'charset');
	req.encoding = charset ? charset[1].toLowerCase() : 'utf-8';
	req.query = Object.fromEntries(url.searchParams);
	req.params = {};
	req.readRawBody = async () => {
		if (req.rawBody) return;
		const encoding = req.headers['content-encoding'];
		const stream =
			encoding === 'gzip'
				? req.pipe(zlib.createGunzip())
				: encoding === 'deflate'
					? req.pipe(zlib.createInflate())
					: req;
		req.rawBody = await readStream(stream);
	};
	if (!req.contentType || !req.contentType.startsWith('multipart/')) {
		await req.readRawBody();
		if (req.rawBody.length && req.contentType === 'application/json') {
			req.body = JSON.parse(req.rawBody.toString(req.encoding === 'utf-8' ? 'utf8' : req.encoding));
		}
	}
	if (!req.body) req.body = {};
	return req;
}

/** The part of express's Response the node (and this router) uses, over Node's real ServerResponse. */
function expressLikeResponse(res) {
	const response = {
		raw: res,
		statusCode: 200,
		body: undefined,
		get headersSent() {
			return res.headersSent;
		},
		status(code) {
			response.statusCode = code;
			res.statusCode = code;
			return response;
		},
		setHeader(name, value) {
			res.setHeader(name, value);
			return response;
		},
		header(name, value) {
			return response.setHeader(name, value);
		},
		json(body) {
			response.body = body;
			if (!res.hasHeader('content-type'))
				res.setHeader('content-type', 'application/json; charset=utf-8');
			res.end(JSON.stringify(body));
			return response;
		},
		send(body) {
			response.body = body;
			if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body))
				return response.json(body);
			res.end(body === undefined ? undefined : body);
			return response;
		},
		end(body) {
			res.end(body);
			return response;
		},
		once(event, listener) {
			res.once(event, listener);
			return response;
		},
	};
	return response;
}

// ---- the handle ---------------------------------------------------------------------------------

/**
 * Starts a loopback "n8n": a Workflow with one Eduzz Trigger node, the real contexts, and a webhook
 * server on /webhook/<path> (production) and /webhook-test/<path> (test) that runs webhook().
 *
 * options: { credentials (credential data, kept by reference), parameters, workflowName, workflowId,
 *   webhookId, staticData, nodeType, credentialType }
 */
async function startN8nCore(options = {}) {
	setUpContainer();
	logs.length = 0; // the container's Logger is one per module registry; each handle starts clean
	const nodeType =
		options.nodeType ?? new (require('../../nodes/EduzzTrigger/EduzzTrigger.node').EduzzTrigger)();
	const credentialType =
		options.credentialType ?? new (require('../../credentials/EduzzApi.credentials').EduzzApi)();
	const credentials = options.credentials ?? {};
	const credentialsHelper = new TestCredentialsHelper({
		id: 'cred-1',
		name: 'Eduzz account',
		credentialType,
		data: credentials,
	});
	const nodeTypes = new TestNodeTypes({ [NODE_TYPE]: nodeType });

	// The object n8n loads from the database and hands to every Workflow it builds for a request.
	const rawStaticData = options.staticData ?? {};
	/** What n8n wrote to the database (a JSON copy per save), as WorkflowStaticDataService.saveStaticData. */
	const savedStaticData = [];
	const workflowParameters = () => ({
		id: options.workflowId ?? 'wf-1',
		name: options.workflowName ?? 'Eduzz: student unmarked a module',
		active: true,
		nodeTypes,
		nodes: [
			{
				id: 'node-1',
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: options.webhookId ?? DEFAULT_WEBHOOK_ID,
				parameters: { ...(options.parameters ?? {}) },
				credentials: { [credentialType.name]: { id: 'cred-1', name: 'Eduzz account' } },
			},
		],
		connections: {},
		staticData: rawStaticData,
	});
	const workflow = new Workflow(workflowParameters());
	const node = workflow.getNode(NODE_NAME);

	const webhookRuns = [];
	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 0, message: String(error && error.message) }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${server.address().port}`;

	const additionalData = {
		credentialsHelper,
		webhookBaseUrl: `${origin}/webhook`,
		webhookTestBaseUrl: `${origin}/webhook-test`,
		webhookWaitingBaseUrl: `${origin}/webhook-waiting`,
		formBaseUrl: `${origin}/form`,
		formTestBaseUrl: `${origin}/form-test`,
		formWaitingBaseUrl: `${origin}/form-waiting`,
		mcpBaseUrl: `${origin}/mcp`,
		mcpTestBaseUrl: `${origin}/mcp-test`,
		restApiUrl: `${origin}/rest`,
		instanceBaseUrl: origin,
		variables: {},
		currentNodeExecutionIndex: 0,
		userId: 'user-1',
	};
	const [webhookData] = getNodeWebhooks(workflow, node, additionalData, nodeTypes);

	/** webhookData for "Listen for test event" (TestWebhooks marks it isTest). */
	const webhookFor = (test) => (test ? { ...webhookData, isTest: true } : webhookData);

	async function handle(req, res) {
		const url = new URL(req.url, origin);
		const match = /^\/(webhook|webhook-test)\/(.+)$/.exec(url.pathname);
		const test = match && match[1] === 'webhook-test';
		if (!match || match[2] !== webhookData.path || req.method !== webhookData.httpMethod) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					code: 404,
					message: `The requested webhook "${req.method} ${url.pathname}" is not registered.`,
				}),
			);
			return;
		}
		const request = await prepareRequest(req, url);
		const response = expressLikeResponse(res);
		const run = { path: url.pathname, test, rawBody: request.rawBody, headers: req.headers };
		webhookRuns.push(run);
		// As WebhookService.runWebhook: a WebhookContext over this request's additionalData.
		const context = new WebhookContext(
			workflow,
			node,
			{ ...additionalData, httpRequest: request, httpResponse: response },
			test ? 'manual' : 'webhook',
			webhookFor(test),
			[],
			null,
		);
		run.context = context;
		try {
			run.result = await nodeType.webhook.call(context);
		} catch (error) {
			run.error = error;
			throw error;
		}
		// n8n 2.41's order after webhook() (webhook-helpers.executeWebhook, live-webhooks): with a
		// response of its own the node is answered first and static data saved; otherwise the
		// WorkflowRunner builds a second Workflow on the same static data (which resets its "changed"
		// flag), then n8n reads `responseData` for the "onReceived" answer, saves static data, answers.
		if (run.result.noWebhookResponse === true) {
			saveStaticData();
		} else if (!res.headersSent) {
			if (run.result.workflowData === undefined) {
				saveStaticData();
				response.status(200).json({ message: 'Webhook call received' });
			} else {
				new Workflow(workflowParameters());
				run.responseData = webhookData.webhookDescription.responseData;
				saveStaticData();
				// responseMode 'onReceived' with responseData 'noData': 200 and an empty body.
				response.status(200).end();
			}
		}
		run.status = response.statusCode;
		run.body = response.body;
	}

	function saveStaticData() {
		if (workflow.staticData.__dataChanged !== true) return;
		savedStaticData.push(JSON.parse(JSON.stringify(rawStaticData)));
		workflow.staticData.__dataChanged = false;
	}

	/** As WebhookService.runWebhookMethod: a fresh HookContext per call. */
	function hookContext({ test = false } = {}) {
		return new HookContext(
			workflow,
			node,
			additionalData,
			test ? 'manual' : 'trigger',
			test ? 'manual' : 'activate',
			webhookFor(test),
		);
	}
	const runHook = (method) => async (opts) => {
		const fn = nodeType.webhookMethods[webhookData.webhookDescription.name][method];
		return await fn.call(hookContext(opts));
	};

	return {
		workflow,
		node,
		nodeTypes,
		additionalData,
		credentials,
		credentialsHelper,
		authenticatedRequests: credentialsHelper.authenticatedRequests,
		webhookData,
		webhookRuns,
		logs,
		origin,
		/** The node's static data as n8n keeps it (`workflow.staticData['node:Eduzz Trigger']`). */
		staticData: () => workflow.getStaticData('node', node),
		/** Each static-data save n8n would have written to its database, oldest first. */
		savedStaticData,
		hookContext,
		checkExists: runHook('checkExists'),
		create: runHook('create'),
		delete: runHook('delete'),
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

// ---- the Eduzz node: n8n's RoutingNode over a real ExecuteContext --------------------------------

/**
 * Runs the declarative Eduzz node once, as n8n's WorkflowExecute runs a node without `execute()`:
 * `new RoutingNode(new ExecuteContext(...), nodeType).runNode()`, with n8n-core's own request
 * helpers, the credential's `authenticate` block and n8n's expression engine. Resolves the node's
 * output items (`json` of main output 0); rejects with the node's error as n8n would show it.
 */
async function runEduzzNode({
	parameters,
	credentials,
	input = [{ json: {} }],
	continueOnFail = false,
}) {
	setUpContainer();
	const nodeType = new (require('../../nodes/Eduzz/Eduzz.node').Eduzz)();
	const credentialType = new (require('../../credentials/EduzzApi.credentials').EduzzApi)();
	const credentialsHelper = new TestCredentialsHelper({
		id: 'cred-1',
		name: 'Eduzz account',
		credentialType,
		data: credentials,
	});
	const type = 'n8n-nodes-eduzz.eduzz';
	const workflow = new Workflow({
		id: 'wf-eduzz',
		name: 'Eduzz node',
		active: false,
		nodeTypes: new TestNodeTypes({ [type]: nodeType }),
		nodes: [
			{
				id: 'node-eduzz',
				name: 'Eduzz',
				type,
				typeVersion: 1,
				position: [0, 0],
				parameters,
				continueOnFail,
				credentials: { [credentialType.name]: { id: 'cred-1', name: 'Eduzz account' } },
			},
		],
		connections: {},
	});
	const node = workflow.getNode('Eduzz');
	// Defaults applied as the editor saves them.
	node.parameters = NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		node.parameters,
		true,
		false,
		node,
		nodeType.description,
	);
	const inputData = { main: [input] };
	const executeData = { node, data: inputData, source: null };
	const additionalData = {
		credentialsHelper,
		variables: {},
		currentNodeExecutionIndex: 0,
		userId: 'user-1',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1',
	};
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createEmptyRunExecutionData(),
		0,
		input,
		inputData,
		executeData,
		[],
	);
	const output = await new RoutingNode(context, nodeType).runNode();
	return (output?.[0] ?? []).map((item) => (item.error ? { error: item.error } : item.json));
}

module.exports = {
	runEduzzNode,
	startN8nCore,
	TestCredentialsHelper,
	TestNodeTypes,
	NODE_TYPE,
	NODE_NAME,
	DEFAULT_WEBHOOK_ID,
};
