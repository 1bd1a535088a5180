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
const { api, login, setupOwner } = require('./n8n/client');
const { client } = require('./n8n/workflows');
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

function readState(file) {
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
}

/**
 * Starts everything; resolves `{ n8n, c, fake, state, owner, stop() }`. `state` holds the
 * workflow id, webhook URL, signing secret and API key that `npm run send-sample` uses.
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
	const state = readState(stateFile);
	const save = () =>
		fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
	if (state.version && state.version !== version) {
		throw new Error(
			`${folder} holds n8n ${state.version}'s data: delete it to start n8n ${version} there`,
		);
	}
	state.version = version;
	state.secret ||= crypto.randomBytes(24).toString('hex');
	state.fakeToken ||= `dev-${crypto.randomBytes(12).toString('hex')}`;

	log(
		`making sure n8n ${version} is installed (the first time: a few minutes, then cached in .cache/)`,
	);
	await ensureRuntime(version, { log });
	packAndInstall(folder, { log });

	// The fake accepts the events the freshly built node defines.
	const { EVENTS } = require('../dist/nodes/shared/events/index.js');
	const fake = await startFakeEduzz({
		events: EVENTS,
		port: fakePort,
		tokens: { [state.fakeToken]: ALL_SCOPES },
		pagedTotal: 3,
	});
	let n8n;
	const stop = async () => {
		await n8n?.stop();
		await fake.close();
	};
	try {
		n8n = await startN8n({ version, userFolder: folder, port, log });
		if (state.apiKey) {
			n8n.apiKey = state.apiKey;
			await login(n8n, OWNER);
		} else {
			state.apiKey = (await setupOwner(n8n, { ...OWNER, log })).apiKey;
			save();
		}
		const c = client(n8n);
		const credentialData = {
			webhookSecret: state.secret,
			previousWebhookSecret: '',
			accessToken: state.fakeToken,
			baseUrl: fake.baseUrl,
		};
		const exists = async (apiPath) =>
			(await api(n8n, 'GET', apiPath, undefined, { raw: true })).status === 200;
		// The credential points at the fake's port: a folder reused across starts needs a fixed `fakePort`.
		if (!state.credentialId) {
			state.credentialId = (
				await c.createCredential('eduzzApi', CREDENTIAL_NAME, credentialData)
			).id;
			save();
		}
		if (!state.workflowId || !(await exists(`/workflows/${state.workflowId}`))) {
			const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
			const trigger = example.nodes.find((node) => node.type.endsWith('.eduzzTrigger'));
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

module.exports = { startDevEnvironment, OWNER, CREDENTIAL_NAME, ALL_SCOPES };
