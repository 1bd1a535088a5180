// @ts-check
'use strict';
/**
 * Child processes of the tooling (npm installs, n8n, PostgreSQL, Redis) and free ports.
 *
 * Every child leads its own process group, so that signalling `-pid` also reaches its children
 * (n8n's task runner, node-gyp, postgres backends). A terminal's Ctrl-C does not reach such a
 * group, so whatever still runs when this process exits or is interrupted is killed here.
 *
 * Plain CommonJS, built-ins only: provision.js runs before `npm ci`, and `npm run lint` applies
 * n8n's cloud rules (no `process`, no timers) to every .ts file.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** Longer than n8n's own graceful shutdown (30 s), so a restart lets running executions finish. */
const STOP_GRACE_MS = 45_000;

/** @typedef {(message: string) => void} Log */

/**
 * How a child ended: its exit code or signal, or why it could not start.
 *
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, error?: string }} ExitInfo
 */

/**
 * A child started by spawnTracked. `exited` resolves once it is gone; `stop()` signals its group
 * and kills it after STOP_GRACE_MS.
 *
 * @typedef {object} TrackedProcess
 * @property {string} name
 * @property {number | undefined} pid undefined when it could not start
 * @property {string} logFile
 * @property {ExitInfo | undefined} exitInfo set once it exited
 * @property {() => string} logs its log so far
 * @property {Promise<ExitInfo>} exited
 * @property {(options?: { signal?: NodeJS.Signals, log?: Log }) => Promise<void>} stop
 */

/**
 * Where and how a child runs: `uid`/`gid` run it as another user (root only).
 *
 * @typedef {object} SpawnOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} logFile
 * @property {number} [uid]
 * @property {number} [gid]
 */

const defaultLog = (/** @type {string} */ message) => process.stderr.write(`[n8n] ${message}\n`);
/** @type {(text: string, lines: number) => string} */
const tail = (text, lines) => text.split('\n').slice(-lines).join('\n');
/** @type {(file: string) => string} */
const readIfExists = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

// ---- bookkeeping --------------------------------------------------------------------------------

/** @type {Set<number>} */
const live = new Set();
/** @type {Set<() => void>} */
const cleanups = new Set();
/** @type {NodeJS.Signals[]} */
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Signals a process group we started (or the pid alone if it leads none).
 *
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
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

/** @param {NodeJS.Signals} signal */
function onExitSignal(signal) {
	killAll();
	for (const s of EXIT_SIGNALS) process.removeListener(s, onExitSignal);
	// Let the signal do what it would have done without us, unless someone else handles it.
	if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/** @param {number} pid */
function track(pid) {
	if (live.size === 0) {
		process.on('exit', killAll);
		for (const s of EXIT_SIGNALS) process.on(s, onExitSignal);
	}
	live.add(pid);
}

/** @param {number} pid */
function untrack(pid) {
	live.delete(pid);
	if (live.size === 0) {
		process.removeListener('exit', killAll);
		for (const s of EXIT_SIGNALS) process.removeListener(s, onExitSignal);
	}
}

/**
 * Runs `cleanup` too when this process exits or is interrupted while tracked children still run.
 *
 * @param {() => void} cleanup
 */
function onInterruptedExit(cleanup) {
	cleanups.add(cleanup);
}

// ---- spawning -----------------------------------------------------------------------------------

/**
 * The environment for a child: ours, with `nodeBinDir` first on PATH, minus what must not leak in.
 * Under `npm run` the repository's .npmrc (ignore-scripts…) arrives as npm_config_*; jest sets
 * NODE_ENV=test, with which `n8n start` exits 1 without a word; and the caller's own n8n settings
 * (N8N_*, WEBHOOK_URL, DB_*, QUEUE_*, EXECUTIONS_MODE) belong in `extra`.
 *
 * @param {string} nodeBinDir
 * @param {NodeJS.ProcessEnv} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function cleanEnv(nodeBinDir, extra = {}) {
	/** @type {NodeJS.ProcessEnv} */
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
 *
 * @param {string} name
 * @param {string} cmd
 * @param {string[]} args
 * @param {SpawnOptions} options
 * @returns {TrackedProcess}
 */
function spawnTracked(name, cmd, args, { cwd, env, logFile, uid, gid }) {
	fs.appendFileSync(
		logFile,
		`\n===== ${name}: ${cmd} ${args.join(' ')} (${new Date().toISOString()}) =====\n`,
	);
	const fd = fs.openSync(logFile, 'a');
	/** @type {import('node:child_process').SpawnOptions} */
	const options = { cwd, env, stdio: ['ignore', fd, fd], detached: true };
	if (uid !== undefined) Object.assign(options, { uid, gid });
	/** @type {import('node:child_process').ChildProcess} */
	let child;
	try {
		child = childProcess.spawn(cmd, args, options);
	} finally {
		fs.closeSync(fd);
	}
	const { pid } = child;
	/** @type {ExitInfo | undefined} */
	let exitInfo;
	/** @type {Promise<ExitInfo>} */
	const exited = new Promise((resolve) => {
		/** @param {ExitInfo} info */
		const finish = (info) => {
			if (exitInfo) return;
			if (pid) untrack(pid);
			exitInfo = info;
			resolve(info);
		};
		child.on('exit', (code, signal) => finish({ code, signal }));
		child.on('error', (error) => finish({ code: null, signal: null, error: error.message }));
	});
	if (pid) track(pid);
	/** @type {TrackedProcess} */
	const proc = {
		name,
		pid,
		logFile,
		get exitInfo() {
			return exitInfo;
		},
		logs: () => readIfExists(logFile),
		exited,
		async stop({ signal = 'SIGTERM', log = defaultLog } = {}) {
			if (pid !== undefined && !exitInfo) {
				killGroup(pid, signal);
				/** @type {NodeJS.Timeout | undefined} */
				let timer;
				/** @type {Promise<boolean>} */
				const grace = new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS, false)));
				const graceful = await Promise.race([exited.then(() => true), grace]);
				clearTimeout(timer);
				if (!graceful)
					log(`${name} (pid ${pid}) ignored ${signal} for ${STOP_GRACE_MS / 1000} s: SIGKILL`);
			}
			// What is left of the group (n8n's task runner outlives n8n).
			if (pid !== undefined) killGroup(pid, 'SIGKILL');
			await exited;
		},
	};
	return proc;
}

/**
 * Runs a command to its end (output in `logFile`, a line every 30 s while it runs). Resolves the
 * seconds it took; rejects on a non-zero exit with the end of the log.
 *
 * @param {string} cmd
 * @param {string[]} args
 * @param {SpawnOptions & { label?: string, log?: Log }} options
 * @returns {Promise<number>}
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

/** @returns {Promise<number>} a TCP port free on 127.0.0.1 right now */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/**
 * `n` distinct free ports (processes started side by side must not pick the same one).
 *
 * @param {number} n
 * @returns {Promise<number[]>}
 */
async function uniquePorts(n) {
	/** @type {Set<number>} */
	const ports = new Set();
	while (ports.size < n) ports.add(await freePort());
	return [...ports];
}

module.exports = {
	cleanEnv,
	tail,
	readIfExists,
	freePort,
	killGroup,
	onInterruptedExit,
	run,
	spawnTracked,
	uniquePorts,
};
