// `npm run dev`: a local n8n with this package installed exactly as n8n installs a community
// package, an owner account, the example workflow published, and a fake Eduzz API for trying
// automatic registration. State lives in .n8n-dev/ (git-ignored) and is kept between runs.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { VERSIONS, ensureRuntime, packAndInstall } = require('../tooling/n8n/provision.js');
const { startN8n } = require('../tooling/n8n/processes.js');
const { api, login, setupOwner } = require('../tooling/n8n/client.js');
const { client } = require('../tooling/n8n/workflows.js');
const { startFakeEduzz } = require('../tooling/fakeEduzz.js');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEV_FOLDER = path.join(ROOT, '.n8n-dev');
export const STATE_FILE = path.join(DEV_FOLDER, 'dev-state.json');
const EXAMPLE = path.join(ROOT, 'examples', 'student-unmarked-module.json');

const version = process.env.DEV_N8N_VERSION || VERSIONS.v2;
const port = Number(process.env.DEV_N8N_PORT || 5678);
const fakePort = Number(process.env.DEV_FAKE_EDUZZ_PORT || 5680);
const OWNER = { email: 'dev@example.com', password: 'Eduzz-n8n-dev1' };
const log = (message) => console.log(`[dev] ${message}`);

function loadState() {
	return fs.existsSync(STATE_FILE) ? JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) : {};
}

function saveState(state) {
	fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

async function exists(handle, apiPath) {
	return (await api(handle, 'GET', apiPath, undefined, { raw: true })).status === 200;
}

async function main() {
	fs.mkdirSync(DEV_FOLDER, { recursive: true });
	const state = loadState();
	state.version = version;
	state.secret ||= crypto.randomBytes(24).toString('hex');
	state.fakeToken ||= `dev-${crypto.randomBytes(12).toString('hex')}`;

	log('building the package (npm run build)...');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

	log(`making sure n8n ${version} is installed (first time: a few minutes, then cached in .cache/)...`);
	await ensureRuntime(version, { log });
	packAndInstall(DEV_FOLDER, { log });

	// The fake accepts the events the freshly built node defines.
	const { EVENTS } = require('../dist/nodes/EduzzTrigger/events/index.js');
	const fake = await startFakeEduzz({ events: EVENTS, port: fakePort, tokens: { [state.fakeToken]: ['webhook_read', 'webhook_write'] }, log: (message) => log(`fake Eduzz: ${message}`) });
	log(`fake Eduzz API on ${fake.baseUrl} (for trying Registration = Automatic locally)`);

	const n8n = await startN8n({ version, userFolder: DEV_FOLDER, port, log });
	const stop = async () => {
		log('stopping n8n and the fake Eduzz...');
		await n8n.stop();
		await fake.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	if (state.apiKey) {
		n8n.apiKey = state.apiKey;
		await login(n8n, OWNER);
	} else {
		const owner = await setupOwner(n8n, { ...OWNER, log });
		state.apiKey = owner.apiKey;
		saveState(state);
	}

	const c = client(n8n);
	const credentialData = { webhookSecret: state.secret, previousWebhookSecret: '', accessToken: state.fakeToken, baseUrl: fake.baseUrl };
	if (!state.credentialId) {
		const credential = await c.createCredential('eduzzApi', 'Eduzz API (local dev)', credentialData);
		state.credentialId = credential.id;
		saveState(state);
	}

	if (!state.workflowId || !(await exists(n8n, `/workflows/${state.workflowId}`))) {
		const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
		const trigger = example.nodes.find((node) => node.type.endsWith('.eduzzTrigger'));
		trigger.credentials.eduzzApi = { id: state.credentialId, name: 'Eduzz API (local dev)' };
		const workflow = await c.createWorkflow(example);
		state.workflowId = workflow.id;
		state.webhookId = trigger.webhookId;
		saveState(state);
		const activation = await c.activate(workflow.id);
		if (activation.status !== 'published') throw new Error(`could not publish the example workflow: ${activation.errorMessage}`);
	}
	state.webhookUrl = n8n.webhookUrl(state.webhookId, 'webhook');
	state.baseUrl = n8n.baseUrl;
	saveState(state);
	await c.waitForWebhook(state.webhookUrl);

	console.log(`
  n8n ${version} is running with n8n-nodes-eduzz installed.

  Open      http://localhost:${port}/workflow/${state.workflowId}
  Log in    ${OWNER.email}  /  ${OWNER.password}
  Webhook   ${state.webhookUrl}
  Secret    the credential "Eduzz API (local dev)" holds a random local signing key

  In another terminal, deliver a signed sample event:

      npm run send-sample

  Ctrl-C stops n8n; the data stays in .n8n-dev/ for the next run.
`);
}

main().catch((error) => {
	console.error(`[dev] ${error.stack || error.message}`);
	process.exit(1);
});
