/**
 * The nodes' words where n8n's editor shows them, in a real browser on each pinned n8n version (env
 * UI_N8N_VERSIONS, comma-separated; default both), with the environment of `npm run dev`:
 * - the node panel's "Eduzz" entry (n8n makes one of the node and its trigger, with the trigger's
 *   description) says what both nodes do, and its search finds it by the words of an action
 *   (the codex aliases); opened, it lists the actions and the events, none twice, with no search
 *   box of its own (an installed community node opens as "Node details");
 * - the Events picker finds events by their Portuguese label ("módulo"), and the canvas subtitle
 *   is the event's name;
 * - Eduzz Tool: a node added with only its operation asks the model for the school and student IDs
 *   ("Defined automatically by the model" in the editor), and an MCP client of an MCP Server
 *   Trigger gets the tool `<action> in Eduzz` with those parameters described, and calls it.
 * With UI_SCREENSHOTS=<folder> the key views are saved there as PNGs.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line import-x/no-unresolved
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
// eslint-disable-next-line import-x/no-unresolved
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { chromium, type Browser } from 'playwright-core';

import { LAUNCH_OPTIONS } from '../../tooling/chromium';
import { CREDENTIAL_NAME, startDevEnvironment } from '../../tooling/devEnvironment';
import { freePort } from '../../tooling/n8n/processes';
import { isV1, VERSIONS } from '../../tooling/n8n/provision';
import { waitFor } from '../../tooling/wait';
import { Editor, VIEWPORT } from './editor';

const versions = (process.env.UI_N8N_VERSIONS || `${VERSIONS.v2},${VERSIONS.v1}`).split(',');
const ENROLLMENTS = "Get an AlpaClass student's enrollments in a school";
const NUTROR_ENROLLMENTS = "Get a Nutror student's enrollments";
const TOOL_NAME = `${ENROLLMENTS} in Eduzz`;
const EVENT_ACTION = 'Student Unmarked a Module as Finished (AlpaClass)';
/** The trigger's description, which n8n shows for the entry of both nodes. */
const BOTH_NODES = "Start a workflow on Eduzz's webhook events or call Eduzz's API";
// Eduzz's example school and student, which the stand-in Eduzz answers enrollments for.
const SCHOOL_ID = '16943848cc6495142a8e3011d0173252';
const STUDENT_ID = '457391c9c82bfdcbb4947278c0401e41';
const byTestId = (id: string) => `[data-test-id="${id}"]`;

describe.each(versions)('the nodes’ words in the n8n %s editor', (version) => {
	let tmp: string | undefined;
	let env: Awaited<ReturnType<typeof startDevEnvironment>> | undefined;
	let browser: Browser | undefined;
	let editor: Editor;
	const shotsDir = process.env.UI_SCREENSHOTS;
	const shoot = async (name: string) => {
		if (!shotsDir) return;
		fs.mkdirSync(shotsDir, { recursive: true });
		await editor.screenshot(path.join(shotsDir, `${version}-${name}.png`));
	};

	/** Types `query` in the node panel's search; resolves the names listed once `name` is. */
	async function searchFinds(query: string, name: string): Promise<string[]> {
		await editor.nodePanelSearch.fill(query);
		return waitFor(`the node panel searched for "${query}" to list "${name}"`, async (progress) => {
			const listed = await editor.nodePanelNames();
			progress(listed.join(' | '));
			return listed.includes(name) ? listed : undefined;
		});
	}

	beforeAll(async () => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), `eduzz-node-panel-${version}-`));
		env = await startDevEnvironment({
			folder: path.join(tmp, 'n8n'),
			version,
			port: await freePort(),
		});
		browser = await chromium.launch(LAUNCH_OPTIONS);
		const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
		editor = new Editor(await context.newPage(), { baseUrl: env.n8n.baseUrl, version });
		await editor.signIn(env.owner);
	});

	afterAll(async () => {
		await browser?.close().catch(() => {});
		await env?.stop();
		if (tmp && !process.env.UI_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('finds the Eduzz entry by an action’s words, described for both nodes', async () => {
		await editor.newWorkflow();
		await editor.openNodePanelForFirstStep();
		for (const query of [
			'AlpaClass enrollments',
			'nutror enrollments',
			'checkout cart',
			'módulo',
		]) {
			await searchFinds(query, 'Eduzz');
		}
		await shoot('node-panel-entry');
		// 2.x shows a node's description under its name in the list; 1.x only the name.
		const entry = await editor.nodePanelItem('Eduzz').innerText();
		if (!isV1(version)) expect(entry).toContain(BOTH_NODES);
	});

	it('as the first step, the entry describes both nodes and lists the events, each once', async () => {
		// n8n opens an installed community node's entry as "Node details": the description on
		// top, then the actions by heading, without a search box.
		await editor.nodePanelItem('Eduzz').click();
		await waitFor('the Eduzz entry to describe both nodes', async (progress) => {
			const text = await editor.nodeCreator.innerText();
			progress(text.slice(0, 300));
			return text.includes(BOTH_NODES) ? text : undefined;
		});
		const listed = await waitFor('the Eduzz entry to list the events', async (progress) => {
			const names = await editor.nodePanelNames();
			progress(names.join(' | '));
			return names.includes(EVENT_ACTION) ? names : undefined;
		});
		expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
		expect(await editor.nodePanelSearch.isVisible()).toBe(false);
		await shoot('node-panel-events');
	});

	it('the Events picker finds events by Portuguese words; the canvas subtitle is the event’s name', async () => {
		await editor.addListedAction(EVENT_ACTION);
		await editor.parameter('events').click();
		await editor.page.keyboard.type('módulo');
		const options = editor.page.locator('.el-select-dropdown__item:visible');
		const listed = await waitFor(
			'the Events picker to list the module events',
			async (progress) => {
				const texts = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
				progress(texts.join(' | '));
				return texts.length === 3 ? texts : undefined;
			},
		);
		expect(listed).toEqual([
			'AlpaClass: Student Finished a Module (Aluno finalizou um módulo)',
			'AlpaClass: Student Unmarked a Module as Finished (Aluno desmarcou um módulo como finalizado)',
			'Nutror: Module Completed (Módulo Finalizado)',
		]);
		await shoot('events-picker');
		await editor.page.keyboard.press('Escape');
		expect(await editor.selectedOptions('events')).toEqual([
			'AlpaClass: Student Unmarked a Module as Finished (Aluno desmarcou um módulo como finalizado)',
		]);
		await editor.closeNdv();
		const node = editor.page.locator(byTestId('canvas-node')).first();
		await waitFor('the canvas to subtitle the trigger with its event', async (progress) => {
			const text = await node.innerText();
			progress(text);
			return text.includes('Student Unmarked a Module as Finished') ? text : undefined;
		});
		await shoot('canvas-subtitle');
	});

	it('after a node, the entry lists its actions, each once', async () => {
		await editor.page.locator(byTestId('canvas-handle-plus')).first().click();
		await editor.nodeCreator.waitFor({ state: 'visible' });
		await searchFinds('AlpaClass enrollments', 'Eduzz');
		await editor.nodePanelItem('Eduzz').click();
		const listed = await waitFor('the Eduzz entry to list its actions', async (progress) => {
			const names = await editor.nodePanelNames();
			progress(names.join(' | '));
			return [ENROLLMENTS, NUTROR_ENROLLMENTS].every((name) => names.includes(name))
				? names
				: undefined;
		});
		expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
		expect(await editor.nodePanelSearch.isVisible()).toBe(false);
		await shoot('node-panel-actions');
		await editor.page.keyboard.press('Escape');
	});

	it('Eduzz Tool asks the model for the IDs, described, and an MCP client calls it', async () => {
		const { c, n8n, state } = env!;
		const mcpPath = `eduzz-ui-${Date.now()}`;
		const workflow = await c.createWorkflow({
			name: 'Eduzz Tool, its operation only',
			nodes: [
				{
					parameters: { path: mcpPath },
					name: 'MCP Server Trigger',
					type: '@n8n/n8n-nodes-langchain.mcpTrigger',
					typeVersion: 2,
					position: [0, 0],
					webhookId: crypto.randomUUID(),
				},
				{
					// What the editor saves for a tool added with this operation: the defaults are left out.
					parameters: { resource: 'alpaclassEnrollment', operation: 'getAll' },
					name: TOOL_NAME,
					type: 'n8n-nodes-eduzz.eduzzTool',
					typeVersion: 1,
					position: [0, 240],
					credentials: { eduzzApi: { id: state.credentialId, name: CREDENTIAL_NAME } },
				},
			],
			connections: {
				[TOOL_NAME]: { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] },
			},
		});
		const activation = await c.activate(workflow.id);
		expect(activation.status).toBe('published');

		const client = await waitFor('the MCP Server Trigger to accept a client', async (progress) => {
			const candidate = new Client({ name: 'eduzz-ui', version: '1.0.0' });
			try {
				await candidate.connect(
					new StreamableHTTPClientTransport(new URL(`${n8n.baseUrl}/mcp/${mcpPath}`)),
				);
				return candidate;
			} catch (error) {
				progress(String(error));
				await candidate.close().catch(() => {});
				return undefined;
			}
		});
		try {
			const { tools } = await client.listTools();
			expect(tools.map((tool) => tool.name)).toEqual([
				'Get_an_AlpaClass_student_s_enrollments_in_a_school_in_Eduzz',
			]);
			expect(tools[0].description).toBe(TOOL_NAME);
			const properties = tools[0].inputSchema.properties as Record<string, { description: string }>;
			expect(Object.keys(properties).sort()).toEqual(['School_ID', 'Student_ID']);
			expect(properties.School_ID.description).toContain('"Get many AlpaClass schools" lists them');
			expect(properties.Student_ID.description).toContain('data.student.id');
			const result = await client.callTool({
				name: tools[0].name,
				arguments: { School_ID: SCHOOL_ID, Student_ID: STUDENT_ID },
			});
			expect(JSON.stringify(result.content)).toContain('Curso Numero 1');
		} finally {
			await client.close();
			await c.deactivate(workflow.id);
		}

		await editor.page.goto(`${n8n.baseUrl}/workflow/${workflow.id}`, {
			waitUntil: 'domcontentloaded',
		});
		await editor.dismissOverlays();
		await editor.openNode(TOOL_NAME);
		const overrides = editor.ndv.locator(byTestId('fromAI-override-field'));
		await waitFor(
			'the School ID and the Student ID to be defined by the model',
			async (progress) => {
				const count = await overrides.count();
				progress(String(count));
				return count === 2 ? count : undefined;
			},
		);
		await shoot('eduzz-tool');
	});
});
