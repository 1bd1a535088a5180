/**
 * What a new user does, in a real browser, on each pinned n8n version (env UI_N8N_VERSIONS,
 * comma-separated; default both): the environment of `npm run dev` (tooling/devEnvironment.js)
 * in a fresh temporary folder on free ports, headless Chromium (tooling/chromium.js), and then
 * the editor: sign in, find the nodes in the node panel, add the Eduzz Trigger through an event
 * action, create the credential in its form, pick events, listen for a test event and see the
 * delivery in the output panel, add the Eduzz node and see its output, publish, and find the
 * production execution in the executions list. The 2.41.1 run retakes the screenshots in docs/.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test code, never shipped: n8n Cloud's rules are for the package's nodes; the editor's words are reported */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { chromium, type Browser } from 'playwright-core';

import { LAUNCH_OPTIONS } from '../../tooling/chromium';
import { envelope, deliver } from '../../tooling/deliveries';
import { startDevEnvironment } from '../../tooling/devEnvironment';
import { freePort } from '../../tooling/n8n/processes';
import { VERSIONS } from '../../tooling/n8n/provision';
import { Editor, VIEWPORT } from './editor';

const ROOT = path.resolve(__dirname, '..', '..');
const versions = (process.env.UI_N8N_VERSIONS || `${VERSIONS.v2},${VERSIONS.v1}`).split(',');
const CREDENTIAL_NAME = 'Eduzz API (created in the editor)';
const FIRST_EVENT = 'Student Unmarked a Module as Finished (AlpaClass)';
const SCREENSHOTS_FROM = VERSIONS.v2;
// Eduzz's example school and student, which the fake Eduzz answers enrollments for.
const SCHOOL_ID = '16943848cc6495142a8e3011d0173252';
const STUDENT_ID = '457391c9c82bfdcbb4947278c0401e41';

describe.each(versions)('a new user in the n8n %s editor', (version) => {
	let tmp: string | undefined;
	let env: Awaited<ReturnType<typeof startDevEnvironment>> | undefined;
	let browser: Browser | undefined;
	let editor: Editor;
	let shoot: (name: string) => Promise<void> = async () => {};
	let testUrl: string;
	const words: Record<string, unknown> = {};

	/** The environment beforeAll started. */
	const dev = () => {
		if (!env) throw new Error('the dev environment did not start');
		return env;
	};

	beforeAll(async () => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-ui-${version}-`));
		env = await startDevEnvironment({
			folder: path.join(tmp, 'n8n'),
			version,
			port: await freePort(),
		});
		browser = await chromium.launch(LAUNCH_OPTIONS);
		const context = await browser.newContext({
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			locale: 'en-US',
		});
		editor = new Editor(await context.newPage(), { baseUrl: env.n8n.baseUrl, version });
		if (version === SCREENSHOTS_FROM && !process.env.UI_NO_SCREENSHOTS) {
			shoot = (name: string) => editor.screenshot(path.join(ROOT, 'docs', name));
		}
	});

	afterAll(async () => {
		await browser?.close().catch(() => {});
		await env?.stop();
		if (tmp && !process.env.UI_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('signs in and opens a new workflow', async () => {
		await editor.signIn(dev().owner);
		await editor.newWorkflow();
	});

	it('finds the Eduzz Trigger in the node panel by name, product, event words and Portuguese word, with its events', async () => {
		// n8n merges the trigger into the entry of the Eduzz node ("Eduzz"): its events are the
		// entry's triggers. Without the trigger, the entry lists none of them.
		await editor.openNodePanelForFirstStep();
		for (const query of ['Eduzz', 'MyEduzz', 'invoice paid', 'módulo', 'AlpaClass']) {
			await editor.searchNodePanel(query, ['Eduzz']);
		}
		await editor.openNodePanelEntry('Eduzz', [FIRST_EVENT, 'Invoice Paid (MyEduzz)']);
	});

	it('adds the trigger through an event action, creates the credential in its form and picks events', async () => {
		await editor.addListedAction(FIRST_EVENT);
		const { state } = dev();
		await editor.createCredential(CREDENTIAL_NAME, {
			webhookSecret: state.secret,
			accessToken: state.fakeToken,
			baseUrl: state.fakeBaseUrl,
		});
		const picked = await editor.pickOption('events', 'Nutror');
		expect(picked).toMatch(/^Nutror: /);
		expect(await editor.selectedOptions('events')).toEqual([
			'AlpaClass: Student Unmarked a Module as Finished (Aluno desmarcou um módulo como finalizado)',
			picked,
		]);
	});

	it('listens for a test event and shows the signed delivery in the output panel', async () => {
		testUrl = await editor.webhookUrl('Test URL');
		expect(testUrl).toMatch(/\/webhook-test\/[0-9a-f-]{36}\/webhook$/);
		await shoot('eduzz-trigger-panel.png');
		words.listen = await editor.listenForTestEvent();
		const event = envelope('alpaclass.student_module_unfinished');
		expect((await deliver(testUrl, event, { secret: dev().state.secret })).status).toBe(200);
		await editor.seeOutput(['Fulano da Silva', 'Módulo 1', 'schemaValid']);
		await editor.outputAs('JSON');
		await editor.seeOutput(['"Fulano da Silva"', '"Módulo 1"', '"schemaValid": true']);
		await shoot('eduzz-trigger-output.png');
	});

	it('adds the Eduzz node after the trigger, executes it and shows the enrollments', async () => {
		await editor.addNextThroughAction('Eduzz', {
			action: "Get an AlpaClass student's enrollments in a school",
		});
		await editor.selectCredential(CREDENTIAL_NAME);
		await editor.setResourceById('teamId', SCHOOL_ID);
		await editor.setText('studentId', STUDENT_ID);
		const { button } = await editor.executeStepButton();
		await button.click();
		await editor.seeOutput(['Curso Numero 1', 'Curso Numero 2']);
		// The schema view shows the first item's fields.
		await editor.outputAs('Schema');
		await editor.seeOutput(['Curso Numero 1', 'progress']);
		await shoot('eduzz-node.png');
	});

	it('publishes the workflow and finds the production execution in its executions list', async () => {
		await editor.closeNdv();
		const workflowId = await editor.saveWorkflow();
		words.published = await editor.publish();
		const productionUrl = testUrl.replace('/webhook-test/', '/webhook/');
		const { c, state } = dev();
		await c.waitForWebhook(productionUrl);
		const event = envelope('alpaclass.student_module_unfinished');
		expect((await deliver(productionUrl, event, { secret: state.secret })).status).toBe(200);
		const execution = await c.waitForEvent(workflowId, event.id);
		await editor.openExecution(execution.id);
		await shoot('executions-list.png');
		console.log(`n8n ${version}: the words of the editor: ${JSON.stringify(words)}`);
	});
});
