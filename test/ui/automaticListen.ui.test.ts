/**
 * Registration = Automatic, "Execute step", in a real browser on each pinned n8n version (env
 * UI_N8N_VERSIONS, comma-separated; default both), with the stand-in Eduzz API delivering the
 * sample at once (within its answer to the sample request): the sample shows in the output panel,
 * the panel leaves "Listening for test event" and stays idle, a second "Execute step" listens and
 * receives again; with the sample switched off the panel listens until a real event arrives, and
 * "Stop Listening" returns it to idle and deletes the webhook configuration at Eduzz (issue 25,
 * item 1; docs/n8n-test-webhook-early-delivery.md).
 *
 * It records, in the browser, when n8n answered the editor's run request
 * (`POST /rest/workflows/:id/run`) and when n8n pushed "testWebhookReceived": the answer must come
 * first, or the editor goes back to listening after the execution has finished. With
 * UI_SCREENSHOTS=<folder> the key steps are saved there as PNGs.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { INodeParameters } from 'n8n-workflow';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

import { LAUNCH_OPTIONS } from '../../tooling/chromium';
import {
	CREDENTIAL_NAME,
	startDevEnvironment,
	type DevEnvironment,
} from '../../tooling/devEnvironment';
import { freePort } from '../../tooling/n8n/processes';
import { VERSIONS } from '../../tooling/n8n/provision';
import { TRIGGER_NAME, eduzzWorkflow, webhookIdOf } from '../../tooling/n8n/workflows';
import { waitFor } from '../../tooling/wait';
import { Editor, VIEWPORT } from './editor';

const versions = (process.env.UI_N8N_VERSIONS || `${VERSIONS.v2},${VERSIONS.v1}`).split(',');
const EVENT = 'alpaclass.student_module_unfinished';
const STOP_LISTENING = /Stop Listening/i;
/** How long the panel must stay idle once the run request was answered and the execution ended. */
const IDLE_FOR_MS = 2_000;

/** What was seen of one "Execute step", in ms since the click. */
interface Timeline {
	/** The browser got n8n's answer to the run request. */
	runAnswered?: number;
	runAnswer?: string;
	/** The stand-in Eduzz got the sample request. */
	sampleRequested?: number;
	/** n8n's push messages, as the browser received them. */
	pushes: Array<{ type: string; at: number }>;
}

const byTestId = (id: string) => `[data-test-id="${id}"]`;

describe.each(versions)(
	'automatic registration, "Execute step", in the n8n %s editor',
	(version) => {
		let tmp: string;
		let env: DevEnvironment;
		let browser: Browser;
		let page: Page;
		let editor: Editor;
		let clickedAt = 0;
		let timeline: Timeline = { pushes: [] };
		/** The open workflow's test URL. */
		let testUrl = '';
		const shots = process.env.UI_SCREENSHOTS;
		const shoot = async (name: string) => {
			if (!shots) return;
			fs.mkdirSync(shots, { recursive: true });
			await editor.screenshot(path.join(shots, `${version}-${name}.png`));
		};

		const listening = (): Locator => editor.ndv.locator(byTestId('trigger-listening')).first();
		const isListening = async () =>
			await listening()
				.isVisible()
				.catch(() => false);
		const samples = () =>
			env.fake.deliveries.filter(
				(delivery) => delivery.event === EVENT && delivery.url === testUrl,
			);
		const testSubscriptions = () =>
			[...env.fake.state.subscriptions.values()].filter(
				(subscription) => subscription.url === testUrl,
			);
		/** The moment n8n pushed `type` in the current timeline (ms since the click). */
		const pushed = (type: string) => timeline.pushes.find((push) => push.type === type)?.at;

		/** Creates a workflow whose trigger registers automatically, opens it and the trigger's panel. */
		async function openAutomaticTrigger(name: string, options: INodeParameters = {}) {
			const workflow = await env.c.createWorkflow(
				eduzzWorkflow({
					name,
					credential: { id: env.state.credentialId, name: CREDENTIAL_NAME },
					parameters: { events: [EVENT], registration: 'automatic', options },
				}),
			);
			testUrl = env.n8n.webhookUrl(webhookIdOf(workflow), 'webhook', { test: true });
			await page.goto(`${env.n8n.baseUrl}/workflow/${workflow.id}`, {
				waitUntil: 'domcontentloaded',
			});
			await page.locator(byTestId('canvas-node')).first().waitFor({ state: 'visible' });
			await editor.dismissOverlays();
			await editor.openNode(TRIGGER_NAME);
			expect(await editor.webhookUrl('Test URL')).toBe(testUrl);
		}

		/** Clicks "Execute step" (the trigger panel's, or the header's) and starts a new timeline. */
		async function executeStep() {
			timeline = { pushes: [] };
			clickedAt = Date.now();
			await editor.ndv
				.locator(`${byTestId('node-execute-button')}:visible`)
				.first()
				.click();
		}

		/** Waits until the panel listens for a test event. */
		function seeListening(what: string) {
			return waitFor(what, async () => ((await isListening()) ? true : undefined), {
				stallMs: 60_000,
				intervalMs: 100,
			});
		}

		/**
		 * Waits until the run request was answered and the execution finished, then holds the panel to
		 * not listening for IDLE_FOR_MS: issue 25's stuck state came from that answer arriving late.
		 */
		async function seeIdleAfterExecution() {
			await waitFor(
				'the run request to be answered and n8n to push executionFinished',
				async () =>
					timeline.runAnswered !== undefined && pushed('executionFinished') !== undefined
						? true
						: undefined,
				{ stallMs: 60_000, intervalMs: 100 },
			);
			const until = Date.now() + IDLE_FOR_MS;
			while (Date.now() < until) {
				expect(await isListening()).toBe(false);
				await page.waitForTimeout(100);
			}
			const button = editor.ndv.locator(`${byTestId('node-execute-button')}:visible`).first();
			expect(await button.innerText()).not.toMatch(STOP_LISTENING);
		}

		/** n8n answered the run request before it pushed the test delivery: the editor listened first. */
		function expectRunAnsweredFirst() {
			expect(JSON.parse(timeline.runAnswer ?? '{}')).toMatchObject({
				data: { waitingForWebhook: true },
			});
			expect(pushed('testWebhookReceived')).toBeDefined();
			expect(timeline.runAnswered!).toBeLessThan(pushed('testWebhookReceived')!);
		}

		beforeAll(async () => {
			tmp = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-ui-automatic-${version}-`));
			env = await startDevEnvironment({
				folder: path.join(tmp, 'n8n'),
				version,
				port: await freePort(),
			});
			// When the sample request reaches the stand-in (same clock as the browser's events below).
			const requests = env.fake.requests;
			const record = requests.push.bind(requests);
			requests.push = (...entries) => {
				if (entries.some((entry) => entry.path === '/webhook/v1/subscription/sample'))
					timeline.sampleRequested ??= Date.now() - clickedAt;
				return record(...entries);
			};

			browser = await chromium.launch(LAUNCH_OPTIONS);
			const context = await browser.newContext({
				viewport: VIEWPORT,
				deviceScaleFactor: 1,
				locale: 'en-US',
			});
			page = await context.newPage();
			editor = new Editor(page, { baseUrl: env.n8n.baseUrl, version });
			page.on('response', (response) => {
				if (
					response.request().method() === 'POST' &&
					/\/rest\/workflows\/[^/]+\/run$/.test(new URL(response.url()).pathname)
				) {
					timeline.runAnswered = Date.now() - clickedAt;
					response
						.text()
						.then((text) => (timeline.runAnswer = text))
						.catch(() => {});
				}
			});
			// n8n's push connection is a WebSocket on both versions by default.
			page.on('websocket', (socket) =>
				socket.on('framereceived', ({ payload }) => {
					const at = Date.now() - clickedAt;
					for (const match of String(payload).matchAll(/"type"\s*:\s*"([A-Za-z]+)"/g))
						timeline.pushes.push({ type: match[1], at });
				}),
			);
			await editor.signIn(env.owner);
		});

		afterAll(async () => {
			await browser?.close().catch(() => {});
			await env?.stop();
			if (tmp && !process.env.UI_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
		});

		describe('with the sample on (the default)', () => {
			beforeAll(() => openAutomaticTrigger('Eduzz: automatic listen'));

			it('Execute step: the sample shows in the output and the panel leaves the listening state', async () => {
				await shoot('1-panel');
				await executeStep();
				await editor.seeOutput(['Fulano da Silva', 'Módulo 1']);
				await shoot('2-sample');
				await seeIdleAfterExecution();
				await shoot('3-idle');
				console.log(`n8n ${version}, first Execute step (ms): ${JSON.stringify(timeline)}`);

				expectRunAnsweredFirst();
				expect(samples()).toHaveLength(1);
				expect(samples()[0]).toMatchObject({ status: 200 });
				// The test webhook is gone at n8n, and its configuration at Eduzz with it.
				await waitFor('the test configuration to be deleted at Eduzz', async () =>
					testSubscriptions().length === 0 ? true : undefined,
				);
			});

			it('a second Execute step listens again and receives a new sample', async () => {
				await executeStep();
				await seeListening('the panel to listen for the second test event');
				await shoot('4-listening-again');
				await waitFor('a second sample', async () => (samples().length === 2 ? true : undefined), {
					stallMs: 60_000,
				});
				await editor.outputAs('JSON');
				await editor.seeOutput([`"id": "${samples()[1].id}"`]);
				await seeIdleAfterExecution();
				await shoot('5-second-sample');
				console.log(`n8n ${version}, second Execute step (ms): ${JSON.stringify(timeline)}`);
				expectRunAnsweredFirst();
			});
		});

		describe('with the sample off', () => {
			beforeAll(() =>
				openAutomaticTrigger('Eduzz: automatic listen, no sample', {
					requestSampleOnTest: false,
				}),
			);

			it('the panel listens until a real event arrives, then shows it and stops listening', async () => {
				await executeStep();
				await seeListening('the panel to listen without a sample');
				await waitFor('the test configuration to be active at Eduzz', async () =>
					testSubscriptions()[0]?.status === 'active' ? true : undefined,
				);
				// Nothing comes by itself: the panel still listens a moment later.
				await page.waitForTimeout(3_000);
				expect(await isListening()).toBe(true);
				expect(samples()).toHaveLength(0);

				const real = await env.fake.deliver(testSubscriptions()[0].id, EVENT);
				expect(real.status).toBe(200);
				await editor.outputAs('JSON');
				await editor.seeOutput([`"id": "${real.id}"`]);
				await seeIdleAfterExecution();
			});

			it('Stop Listening returns the panel to idle and deletes the configuration at Eduzz', async () => {
				await executeStep();
				await seeListening('the panel to listen before Stop Listening');
				await waitFor('the test configuration to be active at Eduzz', async () =>
					testSubscriptions()[0]?.status === 'active' ? true : undefined,
				);
				await shoot('6-listening');
				await listening().getByRole('button', { name: STOP_LISTENING }).click();
				await waitFor('the panel to stop listening', async () =>
					(await isListening()) ? undefined : true,
				);
				await shoot('7-stopped');
				expect(pushed('testWebhookDeleted')).toBeDefined();
				await waitFor('the test configuration to be deleted at Eduzz', async () =>
					testSubscriptions().length === 0 ? true : undefined,
				);
				// Still idle a moment later.
				await page.waitForTimeout(IDLE_FOR_MS);
				expect(await isListening()).toBe(false);
			});
		});
	},
);
