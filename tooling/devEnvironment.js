// @ts-check
'use strict';
/**
 * What `npm run dev` starts, also used by the browser tests (`npm run test:ui`): n8n with the
 * packed package installed as n8n installs community packages, an owner account, an Eduzz API
 * credential, the example workflow published, and the fake Eduzz API (every operation, so the
 * Eduzz node works locally too). State (ids, keys) is kept in `<folder>/dev-state.json`, so a
 * second start reuses the owner, credential and workflow. Needs a prior `npm run build`.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const operations = require('../test/fixtures/eduzz-api.json');
const { VERSIONS, ensureRuntime, packAndInstall } = require('./n8n/provision');
const { startN8n } = require('./n8n/server');
const { api, login, rest, setupOwner } = require('./n8n/client');
const { client, eduzzCredentialData } = require('./n8n/workflows');
const { startFakeEduzz } = require('./fakeEduzz');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'student-unmarked-module.json');
const OWNER = {
	email: 'dev@example.com',
	password: 'Eduzz-n8n-dev1',
	firstName: 'Dev',
	lastName: 'Owner',
};
const CREDENTIAL_NAME = 'Eduzz API (local dev)';
/** Every scope of Eduzz's API, so the local token can call every operation. */
const ALL_SCOPES = [...new Set(operations.flatMap((operation) => operation.scopes))];

/** @typedef {import('./n8n/server').N8nHandle} N8nHandle */
/** @typedef {import('./n8n/processes').Log} Log */

/**
 * What `<folder>/dev-state.json` holds: every field is there once startDevEnvironment resolved.
 *
 * @typedef {object} DevState
 * @property {string} version the n8n version whose data the folder holds
 * @property {string} secret the credential's webhook signing secret
 * @property {string} fakeToken the fake Eduzz API's access token
 * @property {string} apiKey the owner's n8n API key
 * @property {string} credentialId
 * @property {string} workflowId the example workflow's
 * @property {string} webhookId its Eduzz Trigger's
 * @property {string} webhookUrl
 * @property {string} baseUrl n8n's
 * @property {string} fakeBaseUrl the fake Eduzz API's
 */

/**
 * @typedef {{ webhookId: string, credentials: Record<string, import('./n8n/workflows').CredentialRef> }} TriggerNode
 */

/**
 * What startDevEnvironment resolves.
 *
 * @typedef {object} DevEnvironment
 * @property {N8nHandle} n8n
 * @property {import('./n8n/workflows').Client} c
 * @property {import('./fakeEduzz').FakeEduzz} fake
 * @property {DevState} state
 * @property {typeof OWNER} owner
 * @property {() => Promise<void>} stop
 */

/**
 * @param {string} file
 * @returns {Partial<DevState>} the saved state, or none
 */
function readState(file) {
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
}

/**
 * An error whose message says all the user needs: `npm run dev` prints it without a stack.
 *
 * @param {string} message
 */
function refusal(message) {
	return Object.assign(new Error(message), { refusal: true });
}

const seconds = (/** @type {number} */ ms) =>
	ms < 60_000
		? `${Math.round(ms / 1000)} s`
		: `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

/**
 * The last non-empty line of a log file, shortened, or undefined.
 *
 * @param {string} file
 * @returns {string | undefined}
 */
function lastLine(file) {
	try {
		const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
		// split() always returns at least one element.
		const line = /** @type {string} */ (lines.at(-1)).trim();
		return line.length > 120 ? `${line.slice(0, 117)}...` : line || undefined;
	} catch {
		return undefined;
	}
}

/**
 * Awaits `work` (a promise) and, while it runs, logs every `everyMs` that it still does, with
 * `detail()` when given (the last line of a log): a long first run never sits silent.
 *
 * @template T
 * @param {Log} log
 * @param {string} what
 * @param {Promise<T>} work
 * @param {{ everyMs?: number, detail?: () => string | undefined }} [options]
 * @returns {Promise<T>}
 */
async function withProgress(log, what, work, { everyMs = 15_000, detail } = {}) {
	const started = Date.now();
	const timer = setInterval(() => {
		const more = detail?.();
		log(`... still ${what} (${seconds(Date.now() - started)})${more ? `: ${more}` : ''}`);
	}, everyMs);
	timer.unref();
	try {
		return await work;
	} finally {
		clearInterval(timer);
	}
}

/**
 * Starts everything; resolves `{ n8n, c, fake, state, owner, stop() }`. `state` holds the
 * workflow id, webhook URL, signing secret and API key that `npm run send-sample` uses.
 *
 * @param {object} options
 * @param {string} options.folder n8n's user folder, which also holds dev-state.json
 * @param {string} [options.version] the n8n version (default: the pinned 2.x)
 * @param {number} [options.port] n8n's
 * @param {number} [options.fakePort] the fake Eduzz API's (default: any free one)
 * @param {Log} [options.log]
 * @returns {Promise<DevEnvironment>}
 */
async function startDevEnvironment({
	folder,
	version = VERSIONS.v2,
	port,
	fakePort = 0,
	log = () => {},
}) {
	fs.mkdirSync(folder, { recursive: true });
	const stateFile = path.join(folder, 'dev-state.json');
	// Partial until every field is set below.
	const state = /** @type {DevState} */ (readState(stateFile));
	const save = () =>
		fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
	if (state.version && state.version !== version) {
		throw refusal(
			`${folder} holds n8n ${state.version}'s data: delete it to start n8n ${version} there, or give DEV_N8N_VERSION=${state.version}`,
		);
	}
	state.version = version;
	state.secret ||= crypto.randomBytes(24).toString('hex');
	state.fakeToken ||= `dev-${crypto.randomBytes(12).toString('hex')}`;

	log(
		`making sure n8n ${version} is installed (the first time: a few minutes, then cached in .cache/)`,
	);
	await withProgress(log, `installing n8n ${version}`, ensureRuntime(version, { log }), {
		everyMs: 30_000,
	});
	packAndInstall(folder, { log });

	// The fake accepts the events the freshly built node defines.
	// Typed from the sources: a fresh clone has no dist/ when `npm run typecheck` runs.
	/** @type {typeof import('../nodes/shared/events')} */
	const { EVENTS } = require(path.join(__dirname, '..', 'dist/nodes/shared/events/index.js'));
	const fake = await startFakeEduzz({
		events: EVENTS,
		port: fakePort,
		tokens: { [state.fakeToken]: ALL_SCOPES },
		pagedTotal: 3,
	}).catch((error) => {
		if (error.code !== 'EADDRINUSE') throw error;
		throw refusal(
			`port ${fakePort} (the stand-in for Eduzz's API) is already in use: stop what uses it, or choose another port with DEV_FAKE_EDUZZ_PORT`,
		);
	});
	/** @type {N8nHandle | undefined} */
	let n8n;
	const stop = async () => {
		await n8n?.stop();
		await fake.close();
	};
	try {
		log(
			`starting n8n ${version} on http://127.0.0.1:${port} (log: ${path.join(folder, 'n8n.log')}; the first start sets up its database, about a minute)`,
		);
		n8n = await withProgress(
			log,
			'starting n8n',
			startN8n({ version, userFolder: folder, port, log }),
			{ detail: () => lastLine(path.join(folder, 'n8n.log')) },
		);
		if (state.apiKey) {
			n8n.apiKey = state.apiKey;
			await login(n8n, OWNER);
		} else {
			state.apiKey = (await setupOwner(n8n, { ...OWNER, log })).apiKey;
			save();
		}
		const c = client(n8n);
		const credentialData = eduzzCredentialData({
			webhookSecret: state.secret,
			accessToken: state.fakeToken,
			baseUrl: fake.baseUrl,
		});
		const exists = async (/** @type {string} */ apiPath) =>
			(await api(/** @type {N8nHandle} */ (n8n), 'GET', apiPath, undefined, { raw: true }))
				.status === 200;
		// The credential points at the fake's port: when that changed since the last start, so does it.
		if (!state.credentialId) {
			state.credentialId = (
				await c.createCredential('eduzzApi', CREDENTIAL_NAME, credentialData)
			).id;
			save();
		} else if (state.fakeBaseUrl && state.fakeBaseUrl !== fake.baseUrl) {
			await pointCredentialAt(n8n, state.credentialId, credentialData);
			log(`the credential "${CREDENTIAL_NAME}" now points at ${fake.baseUrl}`);
		}
		if (!state.workflowId || !(await exists(`/workflows/${state.workflowId}`))) {
			/** @type {import('./n8n/workflows').WorkflowDefinition} */
			const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
			// The example has an Eduzz Trigger with a webhook id and an Eduzz API credential.
			const trigger = /** @type {import('./n8n/workflows').WorkflowNode & TriggerNode} */ (
				example.nodes.find((node) => node.type.endsWith('.eduzzTrigger'))
			);
			trigger.credentials.eduzzApi = { id: state.credentialId, name: CREDENTIAL_NAME };
			const workflow = await c.createWorkflow(example);
			Object.assign(state, { workflowId: workflow.id, webhookId: trigger.webhookId });
			save();
			const activation = await c.activate(workflow.id);
			if (activation.status !== 'published')
				throw new Error(`could not publish the example workflow: ${activation.errorMessage}`);
		}
		Object.assign(state, {
			webhookUrl: n8n.webhookUrl(state.webhookId, 'webhook'),
			baseUrl: n8n.baseUrl,
			fakeBaseUrl: fake.baseUrl,
		});
		save();
		await c.waitForWebhook(state.webhookUrl);
		return { n8n, c, fake, state, owner: OWNER, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Rewrites the dev credential with `data` (n8n's REST API, as the editor saves a credential: its
 * public API cannot update one on n8n 1.x).
 *
 * @param {N8nHandle} n8n
 * @param {string} credentialId
 * @param {Record<string, string>} data
 */
async function pointCredentialAt(n8n, credentialId, data) {
	/** @type {{ properties?: Record<string, unknown> } | undefined} */
	const schema = await api(n8n, 'GET', '/credentials/schema/eduzzApi');
	/** @type {Record<string, string>} */
	const body = { ...data };
	// n8n 1.123 adds this field to every credential schema and refuses a credential without it.
	if (schema?.properties && 'allowedHttpRequestDomains' in schema.properties)
		body.allowedHttpRequestDomains = 'all';
	await rest(n8n, 'PATCH', `/credentials/${credentialId}`, {
		name: CREDENTIAL_NAME,
		type: 'eduzzApi',
		data: body,
	});
}

module.exports = { startDevEnvironment, withProgress, OWNER, CREDENTIAL_NAME, ALL_SCOPES };
