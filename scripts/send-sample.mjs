// `npm run send-sample [event]`: delivers a correctly signed event (default
// `alpaclass.student_module_unfinished`, with Eduzz's example data) to the workflow started by
// `npm run dev`, exactly as Eduzz would, and shows the execution it started.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { envelope, deliver } = require('../tooling/deliveries.js');
const { TRIGGER_NAME, itemsOf, waitForEvent } = require('../tooling/n8n/workflows.js');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATE_FILE = path.join(ROOT, '.n8n-dev', 'dev-state.json');

async function main() {
	if (!fs.existsSync(STATE_FILE))
		throw new Error('no .n8n-dev/dev-state.json: start `npm run dev` first');
	const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	const event = envelope(process.argv[2] || 'alpaclass.student_module_unfinished');
	const response = await deliver(state.webhookUrl, event, {
		secret: state.secret,
		subscriptionId: 'devsubscription0000000000',
	}).catch((error) => {
		throw new Error(
			`could not reach ${state.webhookUrl} (${error.message}): is \`npm run dev\` running?`,
		);
	});
	console.log(
		`POST ${state.webhookUrl}\n  event ${event.event} id ${event.id}\n  → HTTP ${response.status} ${response.text}`,
	);
	if (response.status !== 200 || response.json?.executed === false) return;

	const handle = { baseUrl: state.baseUrl, apiKey: state.apiKey };
	const execution = await waitForEvent(handle, state.workflowId, event.id);
	const { data, delivery } = itemsOf(execution, TRIGGER_NAME)[0];
	console.log(
		`\nExecution ${execution.id} (${execution.status}): ${state.baseUrl}/workflow/${state.workflowId}/executions/${execution.id}`,
	);
	console.log(
		`  item: ${JSON.stringify({ event: event.event, student: data.student?.name, module: data.module?.name, delivery })}`,
	);
}

main().catch((error) => {
	console.error(`[send-sample] ${error.message}`);
	process.exit(1);
});
