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

const defaultLog = (message) => process.stderr.write(`[n8n] ${message}\n`);
const tail = (text, lines) => text.split('\n').slice(-lines).join('\n');
const readIfExists = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

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
