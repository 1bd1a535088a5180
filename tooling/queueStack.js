// @ts-check
'use strict';
/**
 * n8n in queue mode: PostgreSQL and Redis from Debian's packages as throw-away instances on
 * loopback, then one `n8n start` (main, production webhooks off), `webhooks` × `n8n webhook` and
 * `workers` × `n8n worker`, sharing the database, Redis and the encryption key, each with its own
 * user folder holding the packed package (as users install it on every process).
 */
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { VERSIONS, isV1, packAndInstall } = require('./n8n/provision');
const { onInterruptedExit, run, spawnTracked, uniquePorts } = require('./n8n/processes');
const { startN8n } = require('./n8n/server');
const { waitFor } = require('./wait');

/** @typedef {import('./n8n/processes').Log} Log */
/** @typedef {import('./n8n/processes').TrackedProcess} TrackedProcess */
/** @typedef {import('./n8n/server').N8nHandle} N8nHandle */

/**
 * A throw-away PostgreSQL and Redis (startServices).
 *
 * @typedef {object} Services
 * @property {{ host: string, port: number, user: string, password: string, database: string }} postgres
 * @property {{ host: string, port: number }} redis
 * @property {(statement: string) => string} sql runs SQL in the database; psql's unaligned output
 * @property {() => Promise<void>} stop
 */

/**
 * n8n in queue mode (startQueueStack). `main` is a startN8n handle for setupOwner and client;
 * `webhookUrls(webhookId, path)` is a trigger's production URL on each webhook process.
 *
 * @typedef {object} QueueStack
 * @property {string} version
 * @property {Services} services
 * @property {N8nHandle} main
 * @property {N8nHandle[]} webhooks
 * @property {N8nHandle[]} workers
 * @property {(webhookId: string, webhookPath: string) => string[]} webhookUrls
 * @property {() => Promise<void>} stop
 */

const defaultLog = (/** @type {string} */ message) =>
	process.stderr.write(`[queueStack] ${message}\n`);
/** @type {(text: string, lines: number) => string} */
const tail = (text, lines) => text.split('\n').slice(-lines).join('\n');
/** @type {() => number | undefined} */
const uid = () => process.getuid?.();

/** Temp folders removed when this process exits before `stop()` could. */
/** @type {Set<string>} */
const tempDirs = new Set();
onInterruptedExit(() => {
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	tempDirs.clear();
});

/**
 * @param {string} binary
 * @returns {string | undefined} its path on PATH (or the system bin folders)
 */
function which(binary) {
	const dirs = (process.env.PATH || '')
		.split(path.delimiter)
		.concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin']);
	return dirs
		.map((dir) => path.join(dir, binary))
		.find((candidate) => {
			try {
				fs.accessSync(candidate, fs.constants.X_OK);
				return true;
			} catch {
				return false;
			}
		});
}

/** Debian puts PostgreSQL's server binaries in /usr/lib/postgresql/<major>/bin (newest wins). */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	return fs
		.readdirSync(root)
		.filter((major) => /^\d+$/.test(major))
		.sort((a, b) => Number(b) - Number(a))
		.map((major) => path.join(root, major, 'bin'))
		.find((bin) => ['initdb', 'postgres', 'psql'].every((b) => fs.existsSync(path.join(bin, b))));
}

/**
 * `apt-get install`s the packages (root only), after `apt-get update` when apt does not know one.
 *
 * @param {string[]} packages
 * @param {{ log: Log, logFile: string }} options
 */
async function aptInstall(packages, { log, logFile }) {
	if (uid() !== 0)
		throw new Error(
			`${packages.join(', ')} missing; install them: apt-get install ${packages.join(' ')}`,
		);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lock = ['-o', 'DPkg::Lock::Timeout=1200']; // wait for another apt/dpkg to finish
	const known = packages.every((p) => {
		try {
			return /Candidate: (?!\(none\))/.test(
				childProcess.execFileSync('apt-cache', ['policy', p], { encoding: 'utf8' }),
			);
		} catch {
			return false;
		}
	});
	if (!known) await run('apt-get', [...lock, 'update'], { env, logFile, log });
	// Debian's postinst may start the system-wide services; they stay unused, ours run below.
	await run('apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...packages], {
		env,
		logFile,
		log,
	});
}

/**
 * Sends an inline `PING` to Redis; true when it answers `+PONG`.
 *
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		let data = '';
		/** @param {boolean} ok */
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			data += chunk.toString('utf8');
			if (data.includes('\r\n')) done(data.startsWith('+PONG'));
		});
	});
}

/**
 * Waits until a just-started service answers `probe()`; stops early if it exits.
 *
 * @param {TrackedProcess} proc
 * @param {string} what
 * @param {() => boolean | Promise<boolean>} probe
 * @returns {Promise<true>}
 */
function waitForService(proc, what, probe) {
	return waitFor(what, async (progress) => {
		if (proc.exitInfo)
			throw new Error(
				`${proc.name} exited during start-up (${JSON.stringify(proc.exitInfo)})\n${tail(proc.logs(), 30)}`,
			);
		progress(proc.logs().length);
		return (await probe()) || undefined;
	});
}

/**
 * Installs (if missing) and starts PostgreSQL and Redis in a temp folder on free loopback ports.
 * Resolves `{ postgres: { host, port, user, password, database }, redis: { host, port }, sql(), stop() }`.
 *
 * @param {{ log?: Log }} [options]
 * @returns {Promise<Services>}
 */
async function startServices({ log = defaultLog } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eduzz-queue-services-'));
	tempDirs.add(dir);
	const logFile = path.join(dir, 'services.log');
	const missing = [
		...(postgresBinDir() ? [] : ['postgresql']),
		...(which('redis-server') ? [] : ['redis-server']),
	];
	if (missing.length > 0) await aptInstall(missing, { log, logFile });
	const pgBin = postgresBinDir();
	const redisServer = which('redis-server');
	if (!pgBin || !redisServer)
		throw new Error(`apt-get installed ${missing.join(', ')}, but PostgreSQL or Redis is missing`);
	/** @type {TrackedProcess[]} */
	const procs = [];
	const stop = async () => {
		// Redis first, then PostgreSQL with a fast shutdown (SIGINT).
		for (const proc of procs.reverse())
			await proc.stop({ signal: proc.name === 'postgres' ? 'SIGINT' : 'SIGTERM', log });
		procs.length = 0;
		fs.rmSync(dir, { recursive: true, force: true });
		tempDirs.delete(dir);
	};
	try {
		// PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` user.
		const id = (/** @type {string} */ flag) =>
			Number(childProcess.execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
		/** @type {{ uid?: number, gid?: number }} */
		const owner = uid() === 0 ? { uid: id('-u'), gid: id('-g') } : {};
		const pgDir = path.join(dir, 'pg');
		const socketDir = path.join(pgDir, 'socket');
		fs.mkdirSync(socketDir, { recursive: true });
		const [user, database, password] = ['n8n', 'n8n', crypto.randomBytes(12).toString('hex')];
		fs.writeFileSync(path.join(pgDir, 'pwfile'), `${password}\n`, { mode: 0o600 });
		fs.chmodSync(dir, 0o755); // the postgres user must reach its folder
		if (owner.uid !== undefined)
			childProcess.execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, pgDir]);
		const pgEnv = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', HOME: pgDir };
		const initdbArgs = [
			'-D',
			path.join(pgDir, 'data'),
			'-U',
			user,
			`--pwfile=${path.join(pgDir, 'pwfile')}`,
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync',
		];
		await run(path.join(pgBin, 'initdb'), initdbArgs, {
			cwd: pgDir,
			env: pgEnv,
			logFile,
			log,
			...owner,
		});
		const [pgPort, redisPort] = await uniquePorts(2);
		// Throw-away data: durability off, so the 2 cores work for n8n.
		const pgSettings = [
			'listen_addresses=127.0.0.1',
			'max_connections=200',
			'fsync=off',
			'synchronous_commit=off',
			'full_page_writes=off',
		];
		const postgres = spawnTracked(
			'postgres',
			path.join(pgBin, 'postgres'),
			[
				'-D',
				path.join(pgDir, 'data'),
				'-p',
				String(pgPort),
				'-k',
				socketDir,
				...pgSettings.flatMap((s) => ['-c', s]),
			],
			{
				cwd: pgDir,
				env: pgEnv,
				logFile: path.join(pgDir, 'postgres.log'),
				...owner,
			},
		);
		procs.push(postgres);
		/** @type {(statement: string, db?: string) => string} */
		const psql = (statement, db = 'postgres') =>
			childProcess.execFileSync(
				path.join(pgBin, 'psql'),
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(pgPort),
					'-U',
					user,
					'-d',
					db,
					'-v',
					'ON_ERROR_STOP=1',
					'-qAtc',
					statement,
				],
				{
					env: { ...pgEnv, PGPASSWORD: password, PGCONNECT_TIMEOUT: '3' },
					encoding: 'utf8',
					stdio: 'pipe',
				},
			);
		await waitForService(postgres, `postgres on 127.0.0.1:${pgPort}`, () => {
			try {
				return psql('select 1') !== undefined;
			} catch {
				return false;
			}
		});
		psql(`CREATE DATABASE ${database}`);
		log(
			`postgres ${path.basename(path.dirname(pgBin))} on 127.0.0.1:${pgPort} (pid ${postgres.pid})`,
		);

		const redisDir = path.join(dir, 'redis');
		fs.mkdirSync(redisDir);
		const redisArgs = [
			'--port',
			String(redisPort),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--dir',
			redisDir,
		];
		const redis = spawnTracked('redis', redisServer, redisArgs, {
			cwd: redisDir,
			env: { PATH: process.env.PATH },
			logFile: path.join(redisDir, 'redis.log'),
		});
		procs.push(redis);
		await waitForService(redis, `redis on 127.0.0.1:${redisPort}`, () => redisPing(redisPort));
		log(`redis on 127.0.0.1:${redisPort} (pid ${redis.pid})`);

		return {
			postgres: { host: '127.0.0.1', port: pgPort, user, password, database },
			redis: { host: '127.0.0.1', port: redisPort },
			/** Runs SQL in the stack's database; returns psql's unaligned output. */
			sql: (statement) => psql(statement, database),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Starts n8n `version` (2.x) in queue mode with its own PostgreSQL and Redis. Production URLs are
 * served by the webhook processes; N8N_WEBHOOK_URL points at the first one, standing in for the
 * load balancer Eduzz would reach. `stop()` stops everything and deletes the folders (n8n's logs
 * are kept with QUEUE_KEEP_LOGS=1).
 *
 * Resolves `{ version, services, main, webhooks, workers, webhookUrls(webhookId, path), stop() }`;
 * `main` is a startN8n handle for setupOwner and client.
 *
 * @param {object} [options]
 * @param {string} [options.version]
 * @param {number} [options.webhooks] how many `n8n webhook` processes
 * @param {number} [options.workers] how many `n8n worker` processes
 * @param {NodeJS.ProcessEnv} [options.env] for every process, over the queue-mode settings
 * @param {Log} [options.log]
 * @param {boolean} [options.keepLogs]
 * @returns {Promise<QueueStack>}
 */
async function startQueueStack({
	version = VERSIONS.v2,
	webhooks: webhookCount = 2,
	workers: workerCount = 1,
	env = {},
	log = defaultLog,
	keepLogs = process.env.QUEUE_KEEP_LOGS === '1',
} = {}) {
	if (isV1(version))
		throw new Error('startQueueStack: written for n8n 2.x (N8N_WEBHOOK_URL, publication service)');
	const started = Date.now();
	/** @type {Services | undefined} */
	let services;
	/** @type {string | undefined} */
	let folder;
	/** @type {N8nHandle | undefined} */
	let main;
	/** @type {N8nHandle[]} */
	let webhooks = [];
	/** @type {N8nHandle[]} */
	let workers = [];
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		// Webhook processes and workers first (they hold jobs and connections), then main.
		await Promise.all([...webhooks, ...workers].map((p) => p.stop()));
		await main?.stop();
		await services?.stop();
		if (folder && !keepLogs) fs.rmSync(folder, { recursive: true, force: true });
		if (folder) tempDirs.delete(folder);
		log(`queue stack stopped${keepLogs && folder ? `; n8n logs kept in ${folder}/*/n8n.log` : ''}`);
	};

	try {
		services = await startServices({ log });
		const { postgres, redis } = services;
		const stackFolder = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-queue-${version}-`));
		folder = stackFolder;
		if (!keepLogs) tempDirs.add(stackFolder);
		// An HTTP (or worker health-check) port and a task-broker port per process.
		const ports = await uniquePorts(2 * (1 + webhookCount + workerCount));
		/** @type {[number, number][]} */
		const portPairs = Array.from({ length: ports.length / 2 }, (_, i) => [
			ports[2 * i],
			ports[2 * i + 1],
		]);
		const webhookBaseUrls = portPairs
			.slice(1, 1 + webhookCount)
			.map(([port]) => `http://127.0.0.1:${port}`);
		const shared = {
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_WEBHOOK_URL: `${webhookBaseUrls[0]}/`,
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...env,
		};
		/**
		 * @param {string} name
		 * @param {'start' | 'webhook' | 'worker'} command
		 * @param {[number, number]} ports its HTTP (or health-check) port and task-broker port
		 * @param {NodeJS.ProcessEnv} [extra]
		 */
		const start = (name, command, [port, brokerPort], extra = {}) => {
			const userFolder = path.join(stackFolder, name);
			fs.mkdirSync(userFolder);
			packAndInstall(userFolder, { log });
			// PGAPPNAME: PostgreSQL's logs and pg_stat_activity tell which process ran a statement.
			return startN8n({
				version,
				userFolder,
				command,
				name,
				port,
				brokerPort,
				log,
				env: { PGAPPNAME: `n8n-${name}`, ...shared, ...extra },
			});
		};

		// Main first: it migrates the empty database.
		main = await start('main', 'start', portPairs[0], {
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		});
		const others = await Promise.allSettled([
			...webhookBaseUrls.map((_, i) =>
				start(`webhook-${'abcdefgh'[i]}`, 'webhook', portPairs[1 + i]),
			),
			...Array.from({ length: workerCount }, (_, i) =>
				start(`worker-${i + 1}`, 'worker', portPairs[1 + webhookCount + i]),
			),
		]);
		const handles = others.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
		webhooks = handles.filter((h) => h.name.startsWith('webhook'));
		workers = handles.filter((h) => h.name.startsWith('worker'));
		const failed = others.find((s) => s.status === 'rejected');
		if (failed) throw failed.reason;

		log(
			`queue stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: main ${main.baseUrl}, webhooks ${webhookBaseUrls.join(' ')}, ${workerCount} worker(s)`,
		);
		return {
			version,
			services,
			main,
			webhooks,
			workers,
			/** A trigger's production URL on each webhook process, in process order. */
			webhookUrls: (webhookId, webhookPath) =>
				webhookBaseUrls.map((base) => `${base}/webhook/${webhookId}/${webhookPath}`),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startServices, startQueueStack };
