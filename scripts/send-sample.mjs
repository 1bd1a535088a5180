// @ts-check
// `npm run send-sample -- [--test] [event]`: delivers a correctly signed Eduzz event (Eduzz's
// example payload of that event, from test/fixtures/eduzz-events.json) to the workflow that
// `npm run dev` started, exactly as Eduzz would, and shows what n8n made of it. `--help` says more.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { EXAMPLES, envelope, deliver } = require('../tooling/deliveries.js');
const { api } = require('../tooling/n8n/client.js');
const { TRIGGER_TYPE, listExecutions, itemsOf } = require('../tooling/n8n/workflows.js');
const { sleep } = require('../tooling/wait.js');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_EVENT = 'alpaclass.student_module_unfinished';
const EVENTS = Object.keys(EXAMPLES);
const FOLDER = path.resolve(ROOT, process.env.DEV_FOLDER || '.n8n-dev');
const STATE_FILE = path.join(FOLDER, 'dev-state.json');
const shown = (/** @type {string} */ file) => path.relative(process.cwd(), file) || file;

const USAGE = `Usage: npm run send-sample -- [--test] [event]

Delivers a correctly signed Eduzz event, with Eduzz's example payload of that event, to the
workflow of \`npm run dev\`, exactly as Eduzz would.

  event     one of Eduzz's ${EVENTS.length} events (default ${DEFAULT_EVENT}); --list shows them
  --test    deliver to the trigger's Test URL (/webhook-test/...) instead of its Production URL:
            first open the workflow in the editor and click "Execute step" on the Eduzz Trigger,
            so n8n shows "Listening for test event"; the item then appears in its output panel
  --list    print the ${EVENTS.length} events
  --help    print this help

Without --test the event goes to the Production URL of the published workflow, and the
execution it started is printed. The trigger only runs for the events selected in its Events.
It reads ${shown(STATE_FILE)}, written by \`npm run dev\` (DEV_FOLDER=<folder> for another).`;

/** A refusal: one line that says what to do. */
class Refusal extends Error {}

/** @typedef {import('../tooling/devEnvironment.js').DevState} DevState what `npm run dev` saved */
/** @typedef {import('../tooling/n8n/workflows.js').Execution} Execution */

/**
 * The dev workflow's Eduzz Trigger: its workflow's name, its name, webhook id and credential.
 *
 * @typedef {{ workflowName: string, name: string, webhookId: string, credential: string }} Trigger
 */

/**
 * @typedef {object} Options the command line's
 * @property {boolean} test
 * @property {string} [event]
 * @property {boolean} [help]
 * @property {boolean} [list]
 */

/**
 * @param {string[]} args
 * @returns {Options}
 */
function parseArguments(args) {
	/** @type {Options} */
	const options = { test: false, event: undefined };
	for (const arg of args) {
		if (arg === '--help' || arg === '-h') options.help = true;
		else if (arg === '--list') options.list = true;
		else if (arg === '--test') options.test = true;
		else if (arg.startsWith('-'))
			throw new Refusal(`unknown option ${arg}: npm run send-sample -- --help lists the options`);
		else if (options.event !== undefined)
			throw new Refusal(
				`one event at a time (got ${options.event} and ${arg}): npm run send-sample -- --help`,
			);
		else options.event = arg;
	}
	return options;
}

/**
 * The event named `name`, or a refusal that suggests the likely one and the list.
 *
 * @param {string} name
 * @returns {string}
 */
function knownEvent(name) {
	if (EVENTS.includes(name)) return name;
	const wanted = name.toLowerCase();
	const close = EVENTS.filter(
		(event) => event.endsWith(`.${wanted}`) || (wanted.length > 3 && event.includes(wanted)),
	);
	const guess =
		close.length > 0 && close.length <= 3 ? ` (did you mean ${close.join(' or ')}?)` : '';
	throw new Refusal(
		`unknown event "${name}"${guess}: npm run send-sample -- --list shows Eduzz's ${EVENTS.length} events`,
	);
}

/** @returns {DevState} */
function readState() {
	if (!fs.existsSync(STATE_FILE))
		throw new Refusal(
			`no ${shown(STATE_FILE)} yet: start \`npm run dev\` (in another terminal) first, then run this again`,
		);
	return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
}

const notRunning = (/** @type {DevState} */ state) =>
	new Refusal(
		`n8n is not running at ${state.baseUrl}: start \`npm run dev\` (in another terminal) and run this again`,
	);

/**
 * The dev workflow's Eduzz Trigger as n8n has it now (its webhook id, name, events and
 * credential), so a trigger the user replaced in the editor is still found; the state's when
 * n8n's API cannot say.
 *
 * @param {DevState} state
 * @returns {Promise<Trigger>}
 */
async function findTrigger(state) {
	const handle = { baseUrl: state.baseUrl, apiKey: state.apiKey };
	const res = await api(handle, 'GET', `/workflows/${state.workflowId}`, undefined, {
		raw: true,
	}).catch((error) => {
		if (error.code === 'ECONNREFUSED') throw notRunning(state);
		throw error;
	});
	if (res.status === 404)
		throw new Refusal(
			`the dev workflow ${state.workflowId} is gone from n8n: restart \`npm run dev\`, which creates it again`,
		);
	const workflow =
		res.status === 200
			? /** @type {import('../tooling/n8n/workflows.js').Workflow} */ (res.body)
			: undefined;
	const node = workflow?.nodes?.find((candidate) => candidate.type === TRIGGER_TYPE);
	if (workflow && !node)
		throw new Refusal(
			`the workflow "${workflow.name}" has no Eduzz Trigger: add one in the editor (${state.baseUrl}/workflow/${state.workflowId})`,
		);
	return {
		workflowName: workflow?.name ?? 'Eduzz: student unmarked a module',
		name: node?.name ?? 'Eduzz Trigger',
		webhookId: node?.webhookId ?? state.webhookId,
		credential: node?.credentials?.eduzzApi?.name ?? 'Eduzz API (local dev)',
	};
}

/**
 * What to do about an answer that started nothing, in one line; undefined when it started an execution.
 *
 * @param {import('../tooling/deliveries.js').DeliveryAnswer} response
 * @param {{ event: string, url: string, test: boolean, trigger: Trigger, state: DevState }} delivery
 * @returns {string | undefined}
 */
function refusalFor(response, { event, url, test, trigger, state }) {
	const editor = `${state.baseUrl}/workflow/${state.workflowId}`;
	// The trigger's answer when it started nothing: `{ executed: false, reason }`.
	const json = /** @type {{ executed?: boolean, reason?: string } | undefined} */ (response.json);
	if (response.status === 200 && json?.executed === false) {
		if (json.reason === 'not_selected')
			return test
				? `the listening trigger does not select ${event}: select ${event} in the trigger's Events, then click Execute step again`
				: `the published trigger does not select ${event}: select ${event} in the trigger's Events and publish again (${editor})`;
		return `the trigger ignored the event (${json.reason})`;
	}
	if (response.status === 404)
		return test
			? `nothing listens at ${url}: open ${editor}, click Execute step on "${trigger.name}" first (it shows "Listening for test event"), then run this again`
			: `n8n has no published workflow at ${url}: publish "${trigger.workflowName}" in the editor (${editor}), or restart \`npm run dev\``;
	if (response.status === 401)
		return `the trigger refused the signature (401): the credential "${trigger.credential}" does not hold the key this script signs with; set its Webhook Secret to the "secret" of ${shown(STATE_FILE)} (Credentials in the editor), or delete ${shown(FOLDER)} and restart \`npm run dev\``;
	if (response.status < 200 || response.status >= 300)
		return `n8n answered HTTP ${response.status}: ${response.text.slice(0, 300)}`;
	return undefined;
}

/**
 * The finished execution, started since `since`, whose trigger emitted `eventId`; undefined after
 * `patienceMs`.
 *
 * @param {DevState} state
 * @param {{ triggerName: string, eventId: string, since: number, patienceMs: number }} wanted
 * @returns {Promise<Execution | undefined>}
 */
async function executionOf(state, { triggerName, eventId, since, patienceMs }) {
	const handle = { baseUrl: state.baseUrl, apiKey: state.apiKey, version: state.version };
	/** @type {Set<string | number>} */
	const seen = new Set();
	for (const deadline = Date.now() + patienceMs; Date.now() < deadline; await sleep(500)) {
		for (const summary of await listExecutions(handle, state.workflowId)) {
			if (seen.has(summary.id) || !summary.stoppedAt) continue;
			seen.add(summary.id);
			// A finished execution has started.
			if (Date.parse(/** @type {string} */ (summary.startedAt)) < since) continue;
			/** @type {Execution} */
			const execution = await api(handle, 'GET', `/executions/${summary.id}?includeData=true`);
			if (itemsOf(execution, triggerName)[0]?.id === eventId) return execution;
		}
	}
	return undefined;
}

/** @type {(value: unknown, length?: number) => string} */
const short = (value, length = 160) => {
	const text = JSON.stringify(value);
	return text.length > length ? `${text.slice(0, length - 3)}...` : text;
};

async function main() {
	const options = parseArguments(process.argv.slice(2));
	if (options.help) return console.log(USAGE);
	if (options.list) return console.log(EVENTS.join('\n'));
	const event = envelope(knownEvent(options.event ?? DEFAULT_EVENT));

	const state = readState();
	const trigger = await findTrigger(state);
	const url = `${state.baseUrl}/${options.test ? 'webhook-test' : 'webhook'}/${trigger.webhookId}/webhook`;
	const since = Date.now() - 5_000; // n8n's clock is this machine's; a little slack for rounding
	const response = await deliver(url, event, {
		secret: state.secret,
		subscriptionId: 'devsubscription0000000000',
	}).catch((error) => {
		if (error.code === 'ECONNREFUSED') throw notRunning(state);
		throw error;
	});
	const text = response.text.length > 200 ? `${response.text.slice(0, 197)}...` : response.text;
	console.log(
		`POST ${url}\n  event ${event.event} id ${event.id}\n  → HTTP ${response.status} ${text}`,
	);
	const refusal = refusalFor(response, { ...options, event: event.event, url, trigger, state });
	if (refusal) throw new Refusal(refusal);

	// A production execution is saved once it finished; a test one shows in the editor at once.
	const execution = await executionOf(state, {
		triggerName: trigger.name,
		eventId: event.id,
		since,
		patienceMs: options.test ? 15_000 : 120_000,
	});
	if (!execution) {
		console.log(
			options.test
				? `\nThe editor shows the item in the output panel of "${trigger.name}".`
				: `\nn8n took the delivery; its execution did not show up within 2 minutes: see the workflow's executions in the editor.`,
		);
		return;
	}
	const { data, delivery } = itemsOf(execution, trigger.name)[0];
	console.log(
		`\nExecution ${execution.id} (${execution.mode}, ${execution.status}): ${state.baseUrl}/workflow/${state.workflowId}/executions/${execution.id}`,
	);
	console.log(`  data     ${short(data)}\n  delivery ${short(delivery)}`);
}

main().catch((error) => {
	console.error(
		`[send-sample] ${error instanceof Refusal ? error.message : (error.stack ?? error.message)}`,
	);
	process.exit(1);
});
