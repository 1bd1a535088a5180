'use strict';
/**
 * Child processes of the tooling (npm installs, n8n, PostgreSQL, Redis) and `startN8n`.
 *
 * Every child leads its own process group, so that signalling `-pid` also reaches its children
 * (n8n's task runner, node-gyp, postgres backends). A terminal's Ctrl-C does not reach such a
 * group, so whatever still runs when this process exits or is interrupted is killed here.
 *
 * Plain CommonJS, built-ins only: provision.js runs before `npm ci`, and `npm run lint` applies
 * n8n's cloud rules (no `process`, no timers) to every .ts file.
 */
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { request } = require('./client');
const { waitFor } = require('../wait');

/** Longer than n8n's own graceful shutdown (30 s), so a restart lets running executions finish. */
const STOP_GRACE_MS = 45_000;
/** n8n starting up writes to its log as it goes; this long without a new line means it hangs. */
const START_STALL_MS = 300_000;

const defaultLog = (message) => process.stderr.write(`[n8n] ${message}\n`);
const isV1 = (version) => version.startsWith('1.');
const tail = (text, lines) => text.split('\n').slice(-lines).join('\n');
const readIfExists = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
const sizeOf = (file) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

// ---- bookkeeping --------------------------------------------------------------------------------

const live = new Set();
const cleanups = new Set();
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Signals a process group we started (or the pid alone if it leads none). */
function killGroup(pid, signal) {
	for (const target of [-pid, pid]) {
		try {
			process.kill(target, signal);
			return;
		} catch {
			/* try the pid alone, or it is already gone */
		}
	}
}

function killAll() {
	for (const pid of live) killGroup(pid, 'SIGKILL');
	live.clear();
	for (const cleanup of cleanups) {
		try {
			cleanup();
		} catch {
			/* best effort */
		}
	}
}

function onExitSignal(signal) {
	killAll();
	for (const s of EXIT_SIGNALS) process.removeListener(s, onExitSignal);
	// Let the signal do what it would have done without us, unless someone else handles it.
	if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function track(pid) {
	if (live.size === 0) {
		process.on('exit', killAll);
		for (const s of EXIT_SIGNALS) process.on(s, onExitSignal);
	}
	live.add(pid);
}

function untrack(pid) {
	live.delete(pid);
	if (live.size === 0) {
		process.removeListener('exit', killAll);
		for (const s of EXIT_SIGNALS) process.removeListener(s, onExitSignal);
	}
}

/** Runs `cleanup` too when this process exits or is interrupted while tracked children still run. */
function onInterruptedExit(cleanup) {
	cleanups.add(cleanup);
}

// ---- spawning -----------------------------------------------------------------------------------

/**
 * The environment for a child: ours, with `nodeBinDir` first on PATH, minus what must not leak in.
 * Under `npm run` the repository's .npmrc (ignore-scripts…) arrives as npm_config_*; jest sets
 * NODE_ENV=test, with which `n8n start` exits 1 without a word; and the caller's own n8n settings
 * (N8N_*, WEBHOOK_URL, DB_*, QUEUE_*, EXECUTIONS_MODE) belong in `extra`.
 */
function cleanEnv(nodeBinDir, extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(npm_|N8N_|DB_|QUEUE_)/i.test(key)) continue;
		if (['NODE_OPTIONS', 'NODE_ENV', 'WEBHOOK_URL', 'EXECUTIONS_MODE'].includes(key)) continue;
		env[key] = value;
	}
	env.PATH = `${nodeBinDir}${path.delimiter}${process.env.PATH || ''}`;
	return Object.assign(env, extra);
}

/**
 * Starts `cmd` in its own process group with its output appended to `logFile`, tracked until it
 * exits. Returns `{ name, pid, logFile, exited, exitInfo, logs(), stop() }`; `exited` resolves
 * `{ code, signal, error? }`. `stop({ signal })` signals the group, SIGKILLs it after
 * STOP_GRACE_MS, and resolves once the process is gone.
 */
function spawnTracked(name, cmd, args, { cwd, env, logFile, uid, gid }) {
	fs.appendFileSync(
		logFile,
		`\n===== ${name}: ${cmd} ${args.join(' ')} (${new Date().toISOString()}) =====\n`,
	);
	const fd = fs.openSync(logFile, 'a');
	const options = { cwd, env, stdio: ['ignore', fd, fd], detached: true };
	if (uid !== undefined) Object.assign(options, { uid, gid });
	let child;
	try {
		child = childProcess.spawn(cmd, args, options);
	} finally {
		fs.closeSync(fd);
	}
	const proc = {
		name,
		pid: child.pid,
		logFile,
		exitInfo: undefined,
		logs: () => readIfExists(logFile),
	};
	if (child.pid) track(child.pid);
	proc.exited = new Promise((resolve) => {
		const finish = (info) => {
			if (proc.exitInfo) return;
			if (child.pid) untrack(child.pid);
			proc.exitInfo = info;
			resolve(info);
		};
		child.on('exit', (code, signal) => finish({ code, signal }));
		child.on('error', (error) => finish({ code: null, signal: null, error: error.message }));
	});
	proc.stop = async ({ signal = 'SIGTERM', log = defaultLog } = {}) => {
		if (!proc.exitInfo) {
			killGroup(proc.pid, signal);
			let timer;
			const grace = new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS, false)));
			const graceful = await Promise.race([proc.exited.then(() => true), grace]);
			clearTimeout(timer);
			if (!graceful)
				log(`${name} (pid ${proc.pid}) ignored ${signal} for ${STOP_GRACE_MS / 1000} s: SIGKILL`);
		}
		killGroup(proc.pid, 'SIGKILL'); // what is left of the group (n8n's task runner outlives n8n)
		await proc.exited;
	};
	return proc;
}

/**
 * Runs a command to its end (output in `logFile`, a line every 30 s while it runs). Resolves the
 * seconds it took; rejects on a non-zero exit with the end of the log.
 */
async function run(
	cmd,
	args,
	{ cwd, env, logFile, label = `${cmd} ${args.join(' ')}`, log = defaultLog, uid, gid },
) {
	const started = Date.now();
	const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
	const proc = spawnTracked(label, cmd, args, { cwd, env, logFile, uid, gid });
	const beat = setInterval(() => log(`  … ${label} still running (${seconds()} s)`), 30_000);
	const { code, signal, error } = await proc.exited.finally(() => clearInterval(beat));
	if (code !== 0) {
		throw new Error(
			`${label} failed (${error || `code ${code}, signal ${signal}`}); see ${logFile}\n${tail(proc.logs(), 40)}`,
		);
	}
	log(`  ${label}: done in ${seconds()} s`);
	return Number(seconds());
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** `n` distinct free ports (processes started side by side must not pick the same one). */
async function uniquePorts(n) {
	const ports = new Set();
	while (ports.size < n) ports.add(await freePort());
	return [...ports];
}

// ---- n8n ----------------------------------------------------------------------------------------

/** A stable encryption key per user folder, so a restarted n8n can decrypt its credentials. */
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
	const { ensureRuntime } = require('./provision'); // here, not above: provision.js requires this file
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
		const res = await request('GET', `${baseUrl}/rest/settings`);
		return res.status === 200 && Boolean(res.body && typeof res.body === 'object' && res.body.data);
	};

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
	};

	let proc;
	const spawnOnce = async () => {
		const started = Date.now();
		proc = spawnTracked(name, runtime.nodeBin, [runtime.n8nBin, command], {
			cwd: userFolder,
			env: n8nEnv,
			logFile,
		});
		handle.pid = proc.pid;
		const me = proc;
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

	handle.stop = () => proc.stop({ log });
	handle.restart = async () => {
		await proc.stop({ log });
		await spawnOnce();
		return handle;
	};
	await spawnOnce();
	return handle;
}

module.exports = {
	cleanEnv,
	freePort,
	killGroup,
	onInterruptedExit,
	run,
	spawnTracked,
	startN8n,
	uniquePorts,
};
