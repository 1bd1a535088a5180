// @ts-check
// `npm run dev`: n8n with this package installed exactly as n8n installs a community package, an
// owner account, the example workflow published and a stand-in for Eduzz's API, until Ctrl-C.
// Data stays in .n8n-dev/ between runs (delete the folder to start over). tooling/devEnvironment.js
// does the work.
//
//   DEV_N8N_PORT=5678          n8n's port (editor, API, webhooks)
//   DEV_FAKE_EDUZZ_PORT=5680   the stand-in for Eduzz's API
//   DEV_N8N_VERSION=2.41.1     or 1.123.81, the last 1.x
//   DEV_FOLDER=.n8n-dev        n8n's data, and the state `npm run send-sample` reads
//
// Both ports are checked before anything is built, so a busy one costs a second, not a build.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { VERSIONS } = require('../tooling/n8n/provision.js');
const {
	startDevEnvironment,
	withProgress,
	CREDENTIAL_NAME,
} = require('../tooling/devEnvironment.js');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (/** @type {string} */ message) => console.log(`[dev] ${message}`);

/** An error whose message says all the user needs: printed as one line, without a stack. */
const refusal = (/** @type {string} */ message) =>
	Object.assign(new Error(message), { refusal: true });

/**
 * A port from `variable`, or `fallback`; refuses anything but 1..65535.
 *
 * @param {string} variable
 * @param {number} fallback
 * @returns {number}
 */
function portFrom(variable, fallback) {
	const text = process.env[variable];
	if (text === undefined || text === '') return fallback;
	if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535)
		throw refusal(`${variable}=${text} is not a port number (1-65535): fix or unset it`);
	return Number(text);
}

/**
 * Undefined when `port` is free on 127.0.0.1, else why not ('in use', 'not permitted').
 *
 * @param {number} port
 * @returns {Promise<string | undefined>}
 */
function portProblem(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', (/** @type {NodeJS.ErrnoException} */ error) =>
			resolve(
				error.code === 'EADDRINUSE'
					? 'is already in use'
					: error.code === 'EACCES'
						? 'needs privileges this user does not have'
						: `cannot be opened (${error.code ?? error.message})`,
			),
		);
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
			server.close(() => resolve(undefined)),
		);
	});
}

/**
 * The first free port after `port` that is not one of `taken`, to suggest one that works.
 *
 * @param {number} port
 * @param {number[]} taken
 * @returns {Promise<number | undefined>}
 */
async function freePortAfter(port, taken) {
	for (let candidate = port + 1; candidate < Math.min(port + 50, 65536); candidate++) {
		if (!taken.includes(candidate) && !(await portProblem(candidate))) return candidate;
	}
	return undefined;
}

/**
 * Both ports free, or a one-line refusal naming the port and the variable to change.
 *
 * @param {[PortCheck, PortCheck]} ports n8n's and the stand-in's
 */
async function checkPorts(ports) {
	if (ports[0].port === ports[1].port)
		throw refusal(
			`${ports[0].variable} and ${ports[1].variable} are both ${ports[0].port}: give them different ports`,
		);
	for (const { port, variable, what } of ports) {
		const problem = await portProblem(port);
		if (!problem) continue;
		const free = await freePortAfter(
			port,
			ports.map((p) => p.port),
		);
		throw refusal(
			`port ${port} (${what}) ${problem}: stop what uses it, or choose another port, e.g. ${variable}=${free ?? port + 1} npm run dev`,
		);
	}
}

/** @typedef {{ port: number, variable: string, what: string }} PortCheck a port, its variable, its user */

/**
 * One `npm run dev` per folder: two n8n processes on one SQLite database corrupt it.
 *
 * @param {string} folder
 */
function claimFolder(folder) {
	const pidFile = path.join(folder, 'dev.pid');
	fs.mkdirSync(folder, { recursive: true });
	const holder = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : NaN);
	if (Number.isInteger(holder) && holder !== process.pid) {
		let alive = true;
		try {
			process.kill(holder, 0);
		} catch (error) {
			alive = error.code === 'EPERM';
		}
		if (alive)
			throw refusal(
				`another npm run dev (pid ${holder}) uses ${path.relative(ROOT, folder) || folder}: stop it first (Ctrl-C in its terminal), or give this one its own DEV_FOLDER`,
			);
	}
	fs.writeFileSync(pidFile, String(process.pid));
	const release = () => {
		try {
			if (fs.readFileSync(pidFile, 'utf8') === String(process.pid)) fs.rmSync(pidFile);
		} catch {
			/* already gone */
		}
	};
	process.on('exit', release);
}

/**
 * `npm run build`, its output shown only when it fails.
 *
 * @returns {Promise<void>}
 */
function build() {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', 'build', '--silent'], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		/** @type {Buffer[]} */
		const output = [];
		child.stdout.on('data', (chunk) => output.push(chunk));
		child.stderr.on('data', (chunk) => output.push(chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve()
				: reject(
						refusal(
							`npm run build failed (exit code ${code}):\n${Buffer.concat(output).toString('utf8')}`,
						),
					),
		);
	});
}

async function main() {
	const version = process.env.DEV_N8N_VERSION || VERSIONS.v2;
	const folder = path.resolve(ROOT, process.env.DEV_FOLDER || '.n8n-dev');
	const port = portFrom('DEV_N8N_PORT', 5678);
	const fakePort = portFrom('DEV_FAKE_EDUZZ_PORT', 5680);
	await checkPorts([
		{ port, variable: 'DEV_N8N_PORT', what: 'n8n' },
		{ port: fakePort, variable: 'DEV_FAKE_EDUZZ_PORT', what: "the stand-in for Eduzz's API" },
	]);
	claimFolder(folder);

	const started = Date.now();
	log('building the package (npm run build)');
	await withProgress(log, 'building the package', build());
	log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
	const { n8n, state, owner, stop } = await startDevEnvironment({
		folder,
		version,
		port,
		fakePort,
		log,
	});
	const stopAndExit = () => {
		log('stopping n8n and the stand-in');
		stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stopAndExit);
	process.on('SIGTERM', stopAndExit);

	// send-sample finds everything in the folder's state; only another folder needs saying.
	const sendSample = `${process.env.DEV_FOLDER ? `DEV_FOLDER=${process.env.DEV_FOLDER} ` : ''}npm run send-sample`;
	const commands = [
		[sendSample, 'to the published workflow'],
		[`${sendSample} -- --test`, 'to the Test URL, after "Execute step" on the trigger'],
		[`${sendSample} -- --help`, 'the options, and the 63 events'],
	];
	const width = Math.max(...commands.map(([command]) => command.length));
	console.log(`
  n8n ${version} is running with n8n-nodes-eduzz installed (both nodes).

  Open      ${n8n.baseUrl}/workflow/${state.workflowId}
  Log in    ${owner.email}  /  ${owner.password}
  Webhook   ${state.webhookUrl}
  Eduzz     ${state.fakeBaseUrl}  (a local stand-in for api.eduzz.com; the credential
            "${CREDENTIAL_NAME}" points at it and holds a random local signing key)
  n8n log   ${path.relative(ROOT, path.join(folder, 'n8n.log'))}

  In another terminal, deliver a correctly signed sample event:

${commands.map(([command, what]) => `      ${command.padEnd(width)}   ${what}`).join('\n')}

  Ctrl-C stops n8n and the stand-in; the data stays in ${path.relative(ROOT, folder)}/ for the next run.
`);
}

main().catch((error) => {
	console.error(`[dev] ${error.refusal ? error.message : (error.stack ?? error.message)}`);
	process.exit(1);
});
