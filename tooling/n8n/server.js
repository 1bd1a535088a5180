// @ts-check
'use strict';
/**
 * `startN8n`: one n8n process of a pinned version, with its data in a folder of its own, ready
 * when it resolves. Installs the runtime on first use (provision.js) and runs it as a tracked
 * child (processes.js).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { request } = require('./client');
const { cleanEnv, freePort, readIfExists, spawnTracked, tail } = require('./processes');
const { ensureRuntime, isV1 } = require('./provision');
const { waitFor } = require('../wait');

/**
 * A running n8n process (startN8n). `pid` changes on `restart()`; `webhookUrl(webhookId, path)`
 * is a trigger's production URL, or its test URL with `{ test: true }`. setupOwner
 * (tooling/n8n/client.js) adds the owner's cookie and API key.
 *
 * @typedef {object} N8nProcess
 * @property {string} version
 * @property {string} name
 * @property {number} port
 * @property {number} brokerPort
 * @property {string} baseUrl
 * @property {string} webhookBaseUrl
 * @property {string} userFolder
 * @property {string} logFile
 * @property {import('./provision').Runtime} runtime
 * @property {number | undefined} pid
 * @property {() => string} logs
 * @property {(webhookId: string, webhookPath: string, options?: { test?: boolean }) => string} webhookUrl
 * @property {() => Promise<void>} stop
 * @property {() => Promise<N8nHandle>} restart
 */

/** @typedef {N8nProcess & import('./client').N8nConnection} N8nHandle */

/** n8n starting up writes to its log as it goes; this long without a new line means it hangs. */
const START_STALL_MS = 300_000;

const defaultLog = (/** @type {string} */ message) => process.stderr.write(`[n8n] ${message}\n`);
/** @type {(file: string) => number} */
const sizeOf = (file) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/**
 * A stable encryption key per user folder, so a restarted n8n can decrypt its credentials.
 *
 * @param {string} userFolder
 */
function encryptionKeyFor(userFolder) {
	const file = path.join(userFolder, 'encryption.key');
	if (!fs.existsSync(file))
		fs.writeFileSync(file, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
	return fs.readFileSync(file, 'utf8').trim();
}

/**
 * Runs one n8n process of a pinned `version` (installed on first use) with its data in
 * `userFolder`, and waits until it is ready. `command` is `start` (editor, API, webhooks), or, in
 * queue mode, `webhook` or `worker` (whose `port` is its health-check port). `env` overrides the
 * defaults below. Resolves a handle: `{ version, name, port, brokerPort, baseUrl, webhookBaseUrl,
 * userFolder, logFile, runtime, pid, logs(), webhookUrl(), stop(), restart() }`.
 *
 * @param {object} options
 * @param {string} options.version
 * @param {string} [options.userFolder] a new temp folder if not given
 * @param {'start' | 'webhook' | 'worker'} [options.command]
 * @param {string} [options.name]
 * @param {number} [options.port]
 * @param {number} [options.brokerPort]
 * @param {NodeJS.ProcessEnv} [options.env]
 * @param {import('./processes').Log} [options.log]
 * @returns {Promise<N8nHandle>}
 */
async function startN8n({
	version,
	userFolder,
	command = 'start',
	name = `n8n ${version}`,
	port,
	brokerPort,
	env = {},
	log = defaultLog,
}) {
	if (!userFolder) userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-${version}-`));
	fs.mkdirSync(userFolder, { recursive: true });
	const runtime = await ensureRuntime(version, { log });
	port = port || (await freePort());
	// Main and workers start a task broker (default port 5679): every process needs its own.
	while (!brokerPort || brokerPort === port) brokerPort = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const webhookUrlVariable = isV1(version) ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL'; // 2.x deprecates WEBHOOK_URL
	const webhookBaseUrl = (env[webhookUrlVariable] || baseUrl).replace(/\/$/, '');
	const logFile = path.join(userFolder, 'n8n.log');

	const n8nEnv = cleanEnv(path.dirname(runtime.nodeBin), {
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: encryptionKeyFor(userFolder),
		[webhookUrlVariable]: `${baseUrl}/`,
		// SQLite with a small pool (2.x's default; opt-in on 1.x): 1.123's single connection stalls
		// under a burst of 100 executions until its health check reports "Database is not ready!".
		DB_SQLITE_POOL_SIZE: '4',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false', // plain http on 127.0.0.1 (editor login during `npm run dev`)
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		// 1.123's default expression engine needs isolated-vm, which loads on Node 24 (checked at
		// install). Should it ever not, use the deprecated in-process engine.
		...(isV1(version) && runtime.isolatedVm !== 'ok' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...(command === 'worker'
			? {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}
			: { N8N_PORT: String(port) }),
		...env,
	});

	// While starting, n8n answers every route with an HTML "n8n is starting up" page: main is ready
	// once its REST API answers JSON; webhook processes and workers have a readiness check.
	const ready = async () => {
		if (command !== 'start')
			return (await request('GET', `${baseUrl}/healthz/readiness`)).status === 200;
		/** @type {import('./client').HttpResponse<{ data?: unknown } | string | undefined>} */
		const res = await request('GET', `${baseUrl}/rest/settings`);
		return res.status === 200 && Boolean(res.body && typeof res.body === 'object' && res.body.data);
	};

	/** @type {import('./processes').TrackedProcess | undefined} the current n8n process */
	let proc;
	/** @type {N8nHandle} */
	const handle = {
		version,
		name,
		port,
		brokerPort,
		baseUrl,
		webhookBaseUrl,
		userFolder,
		logFile,
		runtime,
		pid: undefined,
		logs: () => readIfExists(logFile),
		/**
		 * Production or test URL of a trigger with a `webhookId` and a webhook `path`:
		 * `<base>/webhook/<webhookId>/<path>`. (n8n's Webhook node is `<base>/webhook/<path>`.)
		 */
		webhookUrl: (webhookId, webhookPath, { test = false } = {}) =>
			test
				? `${baseUrl}/webhook-test/${webhookId}/${webhookPath}`
				: `${webhookBaseUrl}/webhook/${webhookId}/${webhookPath}`,
		stop: async () => {
			await proc?.stop({ log });
		},
		restart: async () => {
			await proc?.stop({ log });
			await spawnOnce();
			return handle;
		},
	};

	const spawnOnce = async () => {
		const started = Date.now();
		const me = spawnTracked(name, runtime.nodeBin, [runtime.n8nBin, command], {
			cwd: userFolder,
			env: n8nEnv,
			logFile,
		});
		proc = me;
		handle.pid = me.pid;
		try {
			await waitFor(
				`${name} (n8n ${command}) to be ready; its log stopped growing`,
				async (progress) => {
					if (me.exitInfo)
						throw new Error(`${name} exited during start-up (${JSON.stringify(me.exitInfo)})`);
					progress(sizeOf(logFile));
					return (await ready().catch(() => false)) || undefined;
				},
				{ stallMs: START_STALL_MS, intervalMs: 300 },
			);
		} catch (error) {
			await me.stop({ log });
			error.message += `\n--- last lines of ${logFile} ---\n${tail(handle.logs(), 60)}`;
			throw error;
		}
		log(
			`${name} (n8n ${command}) ready at ${baseUrl} (pid ${me.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
		);
	};

	await spawnOnce();
	return handle;
}

module.exports = { startN8n };
