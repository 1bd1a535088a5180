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
 * It needs n8n-core's own copies of `@n8n/di`, `@n8n/backend-common` and `@n8n/config`
 * (transitive, not devDependencies), required from n8n-core's folder and typed here by what is
 * used of them; and node:http/fs/os/zlib, which the community lint rules (written for the
 * package's nodes, never for its tests) forbid.
 *
 * What is ours (and small): the DI setup below, `TestCredentialsHelper` (ICredentialsHelper, mirroring
 * n8n's CLI CredentialsHelper for a credential with a generic `authenticate` block), `TestNodeTypes`,
 * a recording Logger, and a loopback webhook server that plays n8n's webhook router + body reader and
 * hands WebhookContext a minimal express-like response (status/json/send/end) over Node's real
 * ServerResponse (express is not installed).
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error, @typescript-eslint/no-require-imports -- test code, never shipped: n8n Cloud's rules are for the package's nodes; n8n-core's own copies of its dependencies are required from its folder */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

import {
	ExecuteContext,
	HookContext,
	InstanceSettings,
	RoutingNode,
	WebhookContext,
} from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	createEmptyRunExecutionData,
	isExpression,
	UnexpectedError,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IVersionedNodeType,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WebhookType,
	type WorkflowParameters,
} from 'n8n-workflow';

import { EduzzApi } from '../../credentials/EduzzApi.credentials';
import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import { EduzzTrigger } from '../../nodes/EduzzTrigger/EduzzTrigger.node';

/** A class used as a DI token. */
type Token<T> = abstract new (...args: never[]) => T;

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
/** n8n-core's own copy of a dependency: DI tokens are classes, so the copy must be the same one. */
const fromCore = <T>(id: string): T => require(require.resolve(id, { paths: [coreDir] }));

fromCore('reflect-metadata');
const { Container } = fromCore<{
	Container: { get<T>(token: Token<T>): T; set<T>(token: Token<T>, value: T): void };
}>('@n8n/di');
const { Logger } = fromCore<{ Logger: Token<unknown> }>('@n8n/backend-common');
const { InstanceSettingsConfig } = fromCore<{
	InstanceSettingsConfig: Token<{ n8nFolder: string; encryptionKey: string }>;
}>('@n8n/config');

export const NODE_TYPE = 'n8n-nodes-eduzz.eduzzTrigger';
export const NODE_NAME = 'Eduzz Trigger';
export const DEFAULT_WEBHOOK_ID = '6a1f0c9e-e2e0-4c1a-9d33-0a4b5c6d7e8f';

/**
 * The fields of n8n's IWorkflowExecuteAdditionalData that n8n-core reads on the paths run here:
 * n8n's CLI fills in the rest (executeWorkflow, getRunExecutionData…), which these tests never
 * reach.
 */
type AdditionalData = Pick<
	IWorkflowExecuteAdditionalData,
	'credentialsHelper' | 'variables' | 'currentNodeExecutionIndex' | 'restApiUrl' | 'instanceBaseUrl'
> &
	Partial<IWorkflowExecuteAdditionalData>;
const asAdditionalData = (data: AdditionalData) => data as IWorkflowExecuteAdditionalData;

// ---- DI: the minimum n8n-core resolves from its container ----------------------------------------

/** Collects what the node (and n8n-core) log; NodeExecutionContext.logger is Container.get(Logger). */
const logs: string[] = [];
const record = (level: string) => (message: string) => logs.push(`${level}: ${message}`);
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

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}
	getByName(type: string) {
		const nodeType = this.types[type];
		if (!nodeType) throw new UnexpectedError(`Unrecognized node type: ${type}`);
		return nodeType;
	}
	getByNameAndVersion(type: string, version?: number) {
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
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly stored: { id: string; name: string; type: string };
	readonly credentialType: ICredentialType;
	readonly data: ICredentialDataDecryptedObject;
	/** Each request as `authenticate` handed it to n8n's HTTP client (method, url, headers). */
	readonly authenticatedRequests: AuthenticatedRequest[] = [];

	constructor({
		id,
		name,
		credentialType,
		data,
	}: {
		id: string;
		name: string;
		credentialType: ICredentialType;
		data: ICredentialDataDecryptedObject;
	}) {
		super();
		this.stored = { id, name, type: credentialType.name };
		this.credentialType = credentialType;
		this.data = data;
	}

	typeByName(typeName: string) {
		if (typeName !== this.credentialType.name)
			throw new UnexpectedError(`Unknown credential type: ${typeName}`);
		return this.credentialType;
	}

	getParentTypes(typeName: string) {
		return this.typeByName(typeName).extends ?? [];
	}

	isCredentialUsableByNode(typeName: string, nodeType: string) {
		const type = this.typeByName(typeName);
		return !type.restrictToSupportedNodes || (type.supportedNodes ?? []).includes(nodeType);
	}

	getCredentialsProperties(typeName: string) {
		return this.typeByName(typeName).properties;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails | undefined,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (
			!nodeCredentials ||
			nodeCredentials.id !== this.stored.id ||
			typeName !== this.stored.type
		) {
			throw new UnexpectedError(
				`Credential with ID "${nodeCredentials && nodeCredentials.id}" does not exist for type "${typeName}".`,
			);
		}
		return (NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(typeName),
			{ ...this.data } as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.typeByName(typeName);
		// n8n's CredentialsHelper treats both request shapes as IHttpRequestOptions.
		let options = requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') {
			options = await authenticate(credentials, options);
		} else if (typeof authenticate === 'object') {
			if (!workflow || !node)
				throw new UnexpectedError(
					'Workflow and node are required for declarative credential authentication',
				);
			if (options.headers === undefined) options.headers = {};
			if (authenticate.type === 'generic') {
				const resolve = (value: unknown): unknown => {
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
				// headers, qs, body or auth of the request, each a map of (resolved) values.
				const parts = options as unknown as Record<string, Record<string, unknown> | undefined>;
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue as IDataObject)) {
						const part = (parts[outerKey] ??= {});
						part[String(resolve(key))] = resolve(value);
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

	async preAuthentication(
		_helpers: unknown,
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<undefined> {
		const type = this.typeByName(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined) return undefined;
		throw new UnexpectedError(
			'TestCredentialsHelper does not implement preAuthentication for expirable credentials',
		);
	}

	async runPreAuthentication(
		_helpers: unknown,
		_credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<undefined> {
		if (typeof this.typeByName(typeName).preAuthentication !== 'function') return undefined;
		throw new UnexpectedError('TestCredentialsHelper does not implement runPreAuthentication');
	}

	async getCredentials(): Promise<ICredentials> {
		throw new UnexpectedError('TestCredentialsHelper.getCredentials is not used by these tests');
	}

	async updateCredentials(): Promise<void> {
		throw new UnexpectedError('TestCredentialsHelper.updateCredentials is not used by these tests');
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new UnexpectedError(
			'TestCredentialsHelper.updateCredentialsOauthTokenData is not used by these tests',
		);
	}
}

// ---- webhook data, as n8n's CLI WebhookService.getNodeWebhooks computes it ------------------------

function getNodeWebhooks(
	workflow: Workflow,
	node: INode,
	additionalData: IWorkflowExecuteAdditionalData,
	nodeTypes: INodeTypes,
): IWebhookData[] {
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const workflowId = workflow.id || '__UNSAVED__';
	const result: IWebhookData[] = [];
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
			Boolean(isFullPath),
			Boolean(restartWebhook),
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
				httpMethod: httpMethod.trim() as IHttpRequestMethods,
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

function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		stream.on('data', (chunk: Buffer) => chunks.push(chunk));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

/**
 * The fields of express's Request the node and n8n-core read (n8n-workflow declares n8n's
 * body-parser additions, rawBody, readRawBody, contentType and encoding, on IncomingMessage).
 */
interface WebhookRequest extends http.IncomingMessage {
	query: Record<string, string>;
	params: Record<string, string>;
	body?: unknown;
}

/**
 * n8n's `rawBodyReader` + `bodyParser` middlewares (packages/cli/src/middlewares/body-parser.ts):
 * `readRawBody()` reads the bytes (gunzip/inflate undone), JSON bodies are read and parsed up front.
 */
async function prepareRequest(incoming: http.IncomingMessage, url: URL): Promise<WebhookRequest> {
	// The request grows express's fields, as n8n's middlewares add them.
	const req = incoming as WebhookRequest;
	const [mediaType, ...params] = String(req.headers['content-type'] ?? '').split(';');
	req.contentType = mediaType.trim().toLowerCase() || undefined;
	const charset = params
		.map((p) => p.trim().split('='))
		.find(([k]) => k && k.toLowerCase() === 'charset');
	req.encoding = (charset ? charset[1].toLowerCase() : 'utf-8') as BufferEncoding;
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
function expressLikeResponse(res: http.ServerResponse) {
	const response = {
		raw: res,
		statusCode: 200,
		body: undefined as unknown,
		get headersSent() {
			return res.headersSent;
		},
		status(code: number) {
			response.statusCode = code;
			res.statusCode = code;
			return response;
		},
		setHeader(name: string, value: string | number | readonly string[]) {
			res.setHeader(name, value);
			return response;
		},
		header(name: string, value: string | number | readonly string[]) {
			return response.setHeader(name, value);
		},
		json(body: unknown) {
			response.body = body;
			if (!res.hasHeader('content-type'))
				res.setHeader('content-type', 'application/json; charset=utf-8');
			res.end(JSON.stringify(body));
			return response;
		},
		send(body?: unknown) {
			response.body = body;
			if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body))
				return response.json(body);
			if (body === undefined) res.end();
			else res.end(Buffer.isBuffer(body) ? body : String(body));
			return response;
		},
		end(body?: string | Buffer) {
			if (body === undefined) res.end();
			else res.end(body);
			return response;
		},
		once(event: string, listener: (...args: unknown[]) => void) {
			res.once(event, listener);
			return response;
		},
	};
	return response;
}

/** Each request the credential's `authenticate` block signed. */
export interface AuthenticatedRequest {
	method: string;
	url: string;
	headers: IDataObject;
}

/** A delivery the loopback webhook server ran through webhook(). */
export interface WebhookRun {
	path: string;
	test: boolean;
	rawBody?: Buffer;
	headers: http.IncomingHttpHeaders;
	context?: WebhookContext;
	result?: IWebhookResponseData;
	error?: unknown;
	/** What n8n read from the webhook description for its "onReceived" answer. */
	responseData?: unknown;
	status?: number;
	body?: unknown;
}

/** What startN8nCore takes. */
export interface N8nCoreOptions {
	/** The credential's data, kept by reference. */
	credentials?: ICredentialDataDecryptedObject;
	parameters?: INodeParameters;
	workflowName?: string;
	workflowId?: string;
	webhookId?: string;
	staticData?: IDataObject;
	nodeType?: INodeType;
	credentialType?: ICredentialType;
}

/** A loopback "n8n" running the Eduzz Trigger (startN8nCore). */
export type N8nCore = Awaited<ReturnType<typeof startN8nCore>>;

// ---- the handle ---------------------------------------------------------------------------------

/**
 * Starts a loopback "n8n": a Workflow with one Eduzz Trigger node, the real contexts, and a webhook
 * server on /webhook/<path> (production) and /webhook-test/<path> (test) that runs webhook().
 *
 * options: { credentials (credential data, kept by reference), parameters, workflowName, workflowId,
 *   webhookId, staticData, nodeType, credentialType }
 */
export async function startN8nCore(options: N8nCoreOptions = {}) {
	setUpContainer();
	logs.length = 0; // the container's Logger is one per module registry; each handle starts clean
	const nodeType = options.nodeType ?? new EduzzTrigger();
	const credentialType = options.credentialType ?? new EduzzApi();
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
	const savedStaticData: IDataObject[] = [];
	const workflowParameters = (): WorkflowParameters => ({
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
	const node = nodeOf(workflow, NODE_NAME);

	const webhookRuns: WebhookRun[] = [];
	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 0, message: String(error && (error as Error).message) }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const additionalData = asAdditionalData({
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
	});
	const [webhookData] = getNodeWebhooks(workflow, node, additionalData, nodeTypes);

	/** webhookData for "Listen for test event" (TestWebhooks marks it isTest). */
	const webhookFor = (test: boolean): IWebhookData =>
		test ? { ...webhookData, isTest: true } : webhookData;

	async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const url = new URL(req.url ?? '/', origin);
		const match = /^\/(webhook|webhook-test)\/(.+)$/.exec(url.pathname);
		const test = match?.[1] === 'webhook-test';
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
		const run: WebhookRun = {
			path: url.pathname,
			test,
			rawBody: request.rawBody,
			headers: req.headers,
		};
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
		if (!nodeType.webhook) throw new UnexpectedError(`${NODE_TYPE} has no webhook()`);
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			run.error = error;
			throw error;
		}
		run.result = result;
		// n8n 2.41's order after webhook() (webhook-helpers.executeWebhook, live-webhooks): with a
		// response of its own the node is answered first and static data saved; otherwise the
		// WorkflowRunner builds a second Workflow on the same static data (which resets its "changed"
		// flag), then n8n reads `responseData` for the "onReceived" answer, saves static data, answers.
		if (result.noWebhookResponse === true) {
			saveStaticData();
		} else if (!res.headersSent) {
			if (result.workflowData === undefined) {
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
	function hookContext({ test = false }: { test?: boolean } = {}) {
		return new HookContext(
			workflow,
			node,
			additionalData,
			test ? 'manual' : 'trigger',
			test ? 'manual' : 'activate',
			webhookFor(test),
		);
	}
	const runHook =
		(method: 'checkExists' | 'create' | 'delete') =>
		async (opts?: { test?: boolean }): Promise<boolean> => {
			const methods: Partial<
				Record<WebhookType, Record<typeof method, (this: IHookFunctions) => Promise<boolean>>>
			> = nodeType.webhookMethods ?? {};
			const fn = methods[webhookData.webhookDescription.name]?.[method];
			if (!fn) throw new UnexpectedError(`${NODE_TYPE} has no webhook method ${method}`);
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
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** A node the workflow was built with. */
function nodeOf(workflow: Workflow, name: string): INode {
	const node = workflow.getNode(name);
	if (!node) throw new UnexpectedError(`the workflow has no node ${name}`);
	return node;
}

/** What runEduzzNode takes: the node's parameters, the credential's data, the input items. */
export interface EduzzNodeRun {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
}

// ---- the Eduzz node: n8n's RoutingNode over a real ExecuteContext --------------------------------

/**
 * Runs the declarative Eduzz node once, as n8n's WorkflowExecute runs a node without `execute()`:
 * `new RoutingNode(new ExecuteContext(...), nodeType).runNode()`, with n8n-core's own request
 * helpers, the credential's `authenticate` block and n8n's expression engine. Resolves the node's
 * output items (`json` of main output 0); rejects with the node's error as n8n would show it.
 */
export async function runEduzzNode({
	parameters,
	credentials,
	input = [{ json: {} }],
	continueOnFail = false,
}: EduzzNodeRun): Promise<Array<IDataObject | { error: unknown }>> {
	setUpContainer();
	const nodeType = new Eduzz();
	const credentialType = new EduzzApi();
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
	const node = nodeOf(workflow, 'Eduzz');
	// Defaults applied as the editor saves them.
	node.parameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			node.parameters,
			true,
			false,
			node,
			nodeType.description,
		) ?? {};
	const inputData = { main: [input] };
	const executeData: IExecuteData = { node, data: inputData, source: null };
	const additionalData = asAdditionalData({
		credentialsHelper,
		variables: {},
		currentNodeExecutionIndex: 0,
		userId: 'user-1',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1',
	});
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
