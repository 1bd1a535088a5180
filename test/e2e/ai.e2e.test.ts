/**
 * Eduzz for AI agents, inside a real n8n (each pinned version) with the packed package: the Eduzz
 * node as a tool ("Eduzz Tool", n8n's conversion of a `usableAsTool` node) in both example
 * workflows of examples/, against the stand-in for Eduzz's API (tooling/fakeEduzz.js) and a
 * stand-in chat model (tooling/chatModel.js) that n8n's OpenAI Chat Model reaches through its
 * credential's Base URL.
 *
 * - examples/eduzz-mcp-server.json: an MCP client (the official MCP SDK) lists the Eduzz tools of
 *   the MCP Server Trigger (names, descriptions, the parameters each `$fromAI` declares), calls
 *   them and gets the stand-in's data; a call with an unknown id answers an error that says what
 *   to do.
 * - examples/student-support-agent.json: a chat message → AI Agent; the scripted model lists the
 *   schools, finds the student by e-mail in each, gets the enrollments and answers with them.
 *   What n8n sent the model (the tools offered, each tool result) is asserted on.
 * - A token without the scope (403) and an unknown student (404) reach the model as a message
 *   that says what to do: the model follows the 404's hint and finds the student.
 *
 * Run: npm run build && npx jest --selectProjects e2e --runInBand test/e2e/ai.e2e.test.ts
 * With E2E_AI_TRANSCRIPT=<folder>, each version's transcript (what the stand-in model was sent and
 * answered, what the MCP client got) is written there as ai-<version>.json.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The SDK's subpaths are in its package.json "exports", which the lint's resolver does not read.
// eslint-disable-next-line import-x/no-unresolved
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
// eslint-disable-next-line import-x/no-unresolved
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import {
	startChatModel,
	type ChatModel,
	type Conversation,
	type Reply,
	type ToolResult,
} from '../../tooling/chatModel';
import type { FakeEduzz } from '../../tooling/fakeEduzz';
import { request } from '../../tooling/n8n/client';
import type { N8nHandle } from '../../tooling/n8n/server';
import {
	eduzzCredentialData,
	type Client as N8nClient,
	type Credential,
	type WorkflowDefinition,
	type WorkflowNode,
} from '../../tooling/n8n/workflows';
import { waitFor } from '../../tooling/wait';
import operations from '../fixtures/eduzz-api.json';
import { versions, startTestN8n, startFakeEduzz } from './harness';

// ---- what the tests share --------------------------------------------------------------------------

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const readExample = (file: string): WorkflowDefinition =>
	JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
const MCP_EXAMPLE = 'eduzz-mcp-server.json';
const AGENT_EXAMPLE = 'student-support-agent.json';

const EDUZZ_TOOL_TYPE = 'n8n-nodes-eduzz.eduzzTool';
const TOKEN = 'e2e-ai-token';
/** A token of an Eduzz app that may list schools but not read students. */
const TEAM_ONLY_TOKEN = 'e2e-ai-team-only-token';
const MCP_TOKEN = 'e2e-ai-mcp-bearer-0b9f3c2d1e';
const ALL_SCOPES = [...new Set(operations.flatMap((operation) => operation.scopes))];

/** The school, student and course of Eduzz's AlpaClass event samples, which the stand-in holds. */
const SCHOOL = { id: '16943848cc6495142a8e3011d0173252', name: 'Escola de Beltrano' };
const STUDENT = {
	id: '457391c9c82bfdcbb4947278c0401e41',
	name: 'Fulano da Silva',
	email: 'fulano.s@gmail.com',
};
const COURSE = 'Princípios da Programação Orientada a Objetos';
const TEAMS = '/alpaclass/v1/producer/teams';

/** The action of an Eduzz operation: n8n's tool description is `<action> in Eduzz`. */
function actionOf(resource: string, operation: string): string {
	const picker = new Eduzz().description.properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource,
	);
	const option = (picker?.options as Array<{ value: string; action?: string }> | undefined)?.find(
		(candidate) => candidate.value === operation,
	);
	if (!option?.action) throw new Error(`no action for ${resource}:${operation}`);
	return option.action;
}

/** The `$fromAI(key, description, type)` calls of a node's parameters: what n8n offers the model. */
function fromAiCalls(node: WorkflowNode): Record<string, { description: string; type: string }> {
	const found: Record<string, { description: string; type: string }> = {};
	const visit = (value: unknown): void => {
		if (typeof value === 'string')
			for (const [, key, description, type] of value.matchAll(
				/\$fromAI\('(\w+)', '((?:[^'\\]|\\.)*)', '(\w+)'\)/g,
			))
				found[key] = { description: description.replace(/\\(.)/g, '$1'), type };
		else if (value && typeof value === 'object') Object.values(value).forEach(visit);
	};
	visit(node.parameters);
	return found;
}

/** n8n's tool name for a node: its name with every run of other characters as `_`. */
const toolName = (nodeName: string) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

/** The JSON n8n sent as a tool's result, or what it could not parse as text. */
function parsed(result: ToolResult | undefined): unknown {
	if (!result) return undefined;
	try {
		return JSON.parse(result.content);
	} catch {
		return result.content;
	}
}

/** The error a tool result carries (n8n sends `[{ "error": message }]` or `{ "error": message }`). */
function errorOf(result: ToolResult | undefined): string | undefined {
	const value = parsed(result);
	const first = Array.isArray(value) ? value[0] : value;
	return first &&
		typeof first === 'object' &&
		typeof (first as { error?: unknown }).error === 'string'
		? (first as { error: string }).error
		: undefined;
}

// ---- the scripted model of the support agent -------------------------------------------------------

const SCHOOLS_TOOL = toolName('Escolas AlpaClass');
const FIND_TOOL = toolName('Buscar aluno por e-mail');
const PROGRESS_TOOL = toolName('Progresso nos cursos');
const SORRY = 'Não foi possível consultar agora; a equipe da escola vai verificar.';

/**
 * A model that does what the example's system message asks: the schools, the student by e-mail in
 * each (one turn, parallel calls), the enrollments, an answer with them. When the user gives the
 * ids itself, it asks for the enrollments at once; when a tool's error says to find an id first
 * with another operation, it does; when the error says a person must act, it apologizes.
 */
function supportModel({ user, tools, toolResults }: Conversation): Reply {
	for (const name of [SCHOOLS_TOOL, FIND_TOOL, PROGRESS_TOOL])
		if (!tools.some((tool) => tool.name === name)) return { content: `no tool ${name}` };
	const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(user)?.[0] ?? '';
	const results = (name: string) => toolResults.filter((result) => result.name === name);
	const progress = results(PROGRESS_TOOL);
	const lastProgress = progress.at(-1);

	if (lastProgress && !errorOf(lastProgress)) {
		const enrollments = parsed(lastProgress) as Array<{
			progress: number;
			course: { name: string };
		}>;
		return {
			content: `Seu progresso:\n${enrollments
				.map((enrollment) => `${enrollment.course.name}: ${enrollment.progress}%`)
				.join('\n')}`,
		};
	}
	const failures = toolResults.map(errorOf).filter((error): error is string => Boolean(error));
	if (failures.some((error) => error.includes('a person must'))) return { content: SORRY };

	// The ids given by the user: straight to the enrollments.
	const given = /escola (\S+), meu ID de aluno é (\S+?)[,.\s]/.exec(user);
	if (given && progress.length === 0)
		return {
			toolCalls: [{ name: PROGRESS_TOOL, arguments: { schoolId: given[1], studentId: given[2] } }],
		};
	// An error that names the operation that finds the student id: the tool n8n describes with it,
	// in the same school.
	const finds = results(FIND_TOOL);
	const finder = /studentId with "([^"]+)"/.exec(
		(lastProgress && errorOf(lastProgress)) ?? '',
	)?.[1];
	const finderTool = finder && tools.find((tool) => tool.description?.startsWith(finder));
	if (lastProgress && finderTool && finds.length === 0)
		return {
			toolCalls: [
				{ name: finderTool.name, arguments: { schoolId: lastProgress.arguments.schoolId, email } },
			],
		};

	const schools = results(SCHOOLS_TOOL);
	if (!given && schools.length === 0) return { toolCalls: [{ name: SCHOOLS_TOOL, arguments: {} }] };
	if (!given && finds.length === 0) {
		const list = parsed(schools[0]) as Array<{ id: string }>;
		return {
			toolCalls: list.map((school) => ({
				name: FIND_TOOL,
				arguments: { schoolId: school.id, email },
			})),
		};
	}
	for (const find of finds) {
		const students = parsed(find);
		const student = Array.isArray(students)
			? (students as Array<{ id: string; email: string }>).find((s) => s.email === email)
			: undefined;
		if (student)
			return {
				toolCalls: [
					{
						name: PROGRESS_TOOL,
						arguments: { schoolId: find.arguments.schoolId, studentId: student.id },
					},
				],
			};
	}
	return { content: `Não encontrei nenhum aluno com o e-mail ${email}.` };
}

// ---- the tests -------------------------------------------------------------------------------------

describe.each(versions)('Eduzz for AI agents in n8n %s', (version) => {
	let n8n: N8nHandle;
	let c: N8nClient;
	let stop: (() => Promise<void>) | undefined;
	let fake: FakeEduzz;
	let model: ChatModel;
	const credentials: Record<string, Credential> = {};

	beforeAll(async () => {
		({ n8n, c, stop } = await startTestN8n(version, { label: 'e2e-ai' }));
		// Short lists (3 items), so the student search answers the example student among 2 others.
		fake = await startFakeEduzz({
			tokens: { [TOKEN]: ALL_SCOPES, [TEAM_ONLY_TOKEN]: ['alpaclass_team_read'] },
			pagedTotal: 3,
		});
		model = await startChatModel({ script: supportModel });
		const eduzz = (name: string, accessToken: string) =>
			c.createCredential(
				'eduzzApi',
				name,
				eduzzCredentialData({ accessToken, baseUrl: fake.baseUrl }),
			);
		credentials.eduzzApi = await eduzz('Eduzz API', TOKEN);
		credentials.teamOnly = await eduzz('Eduzz API (schools only)', TEAM_ONLY_TOKEN);
		credentials.openAiApi = await c.createCredential('openAiApi', 'Stand-in chat model', {
			apiKey: model.apiKey,
			url: model.baseUrl,
			organizationId: '',
			header: false,
		});
		credentials.httpBearerAuth = await c.createCredential('httpBearerAuth', 'Eduzz MCP token', {
			token: MCP_TOKEN,
		});
	});

	/** What the MCP client got, for the transcript. */
	const mcpResults: Array<{ call: unknown; result: unknown }> = [];

	afterAll(async () => {
		const folder = process.env.E2E_AI_TRANSCRIPT;
		if (folder && model) {
			fs.mkdirSync(folder, { recursive: true });
			fs.writeFileSync(
				path.join(folder, `ai-${version}.json`),
				JSON.stringify({ version, model: model.completions, mcp: mcpResults }, null, 2),
			);
		}
		await stop?.();
		await model?.close();
		await fake?.close();
	});

	/** An example as a user sets it up: credentials picked, webhook ids and paths of its own. */
	function setUp(
		file: string,
		{ eduzz = credentials.eduzzApi }: { eduzz?: Credential } = {},
	): WorkflowDefinition {
		const workflow = readExample(file);
		workflow.name = `${workflow.name} (${crypto.randomUUID()})`;
		for (const node of workflow.nodes) {
			for (const type of Object.keys(node.credentials ?? {}))
				node.credentials![type] = {
					id: (type === 'eduzzApi' ? eduzz : credentials[type]).id,
					name: (type === 'eduzzApi' ? eduzz : credentials[type]).name,
				};
			if (node.webhookId) node.webhookId = crypto.randomUUID();
		}
		return workflow;
	}

	async function publish(workflow: WorkflowDefinition): Promise<string> {
		const { id } = await c.createWorkflow(workflow);
		const activation = await c.activate(id);
		expect(activation).toMatchObject({ status: 'published' });
		return id;
	}

	/** The support agent published with its chat open as a webhook; `send(text)` resolves the answer. */
	async function supportAgent(eduzz?: Credential) {
		const workflow = setUp(AGENT_EXAMPLE, { eduzz });
		const trigger = workflow.nodes.find((node) => node.type.endsWith('.chatTrigger'))!;
		// The example's chat is for the editor; a WhatsApp bridge (here: the test) posts to it.
		trigger.parameters = { ...trigger.parameters, public: true, mode: 'webhook' };
		const id = await publish(workflow);
		const url = n8n.webhookUrl(trigger.webhookId!, 'chat');
		await c.waitForWebhook(url);
		const send = async (chatInput: string) => {
			const before = model.completions.length;
			const res = await request<{ output?: string }>('POST', url, {
				body: { action: 'sendMessage', sessionId: crypto.randomUUID(), chatInput },
			});
			expect(res.status).toBe(200);
			return { output: res.body.output, completions: model.completions.slice(before) };
		};
		return { workflow, send, stop: () => c.deactivate(id) };
	}

	/**
	 * The MCP example published with a path of its own (`adjust` changes it first), and an MCP
	 * client connected to it with the Bearer token. Resolves `{ workflow, client, path, stop }`.
	 */
	async function mcpServer(adjust: (workflow: WorkflowDefinition) => void = () => {}) {
		const workflow = setUp(MCP_EXAMPLE);
		const trigger = workflow.nodes.find((node) => node.type.endsWith('.mcpTrigger'))!;
		trigger.parameters.path = `eduzz-${crypto.randomUUID()}`;
		adjust(workflow);
		const id = await publish(workflow);
		const url = new URL(`${n8n.baseUrl}/mcp/${String(trigger.parameters.path)}`);
		const client = await waitFor('the MCP Server Trigger to accept a client', async (progress) => {
			const candidate = new Client({ name: 'eduzz-e2e', version: '1.0.0' });
			const transport = new StreamableHTTPClientTransport(url, {
				requestInit: { headers: { Authorization: `Bearer ${MCP_TOKEN}` } },
			});
			try {
				await candidate.connect(transport);
				return candidate;
			} catch (error) {
				progress(String(error));
				await candidate.close().catch(() => {});
				return undefined;
			}
		});
		return {
			workflow,
			client,
			url,
			stop: async () => {
				await client.close();
				await c.deactivate(id);
			},
		};
	}

	describe(MCP_EXAMPLE, () => {
		let server: Awaited<ReturnType<typeof mcpServer>>;
		let client: Client;
		let workflow: WorkflowDefinition;

		beforeAll(async () => {
			server = await mcpServer();
			({ client, workflow } = server);
		});

		/** A tool call, recorded for the transcript. */
		async function call(name: string, args: Record<string, unknown>) {
			const result = await client.callTool({ name, arguments: args });
			mcpResults.push({ call: { name, arguments: args }, result });
			return result;
		}

		afterAll(async () => {
			await server?.stop();
		});

		it('refuses a client without the bearer token', async () => {
			const res = await request('POST', server.url.href, {
				headers: { accept: 'application/json, text/event-stream' },
				body: {
					jsonrpc: '2.0',
					id: 1,
					method: 'initialize',
					params: {
						protocolVersion: '2025-03-26',
						capabilities: {},
						clientInfo: { name: 'x', version: '1' },
					},
				},
			});
			expect([401, 403]).toContain(res.status);
		});

		it("lists every Eduzz tool: the node's name, `<action> in Eduzz`, and the $fromAI parameters", async () => {
			const { tools } = await client.listTools();
			const eduzzNodes = workflow.nodes.filter((node) => node.type === EDUZZ_TOOL_TYPE);
			expect(tools.map((tool) => tool.name).sort()).toEqual(
				eduzzNodes.map((node) => toolName(node.name)).sort(),
			);
			for (const node of eduzzNodes) {
				const tool = tools.find((candidate) => candidate.name === toolName(node.name))!;
				const { resource, operation } = node.parameters as { resource: string; operation: string };
				expect(tool.description).toBe(`${actionOf(resource, operation)} in Eduzz`);
				const parameters = fromAiCalls(node);
				expect(tool.inputSchema).toMatchObject({
					type: 'object',
					properties: Object.fromEntries(
						Object.entries(parameters).map(([key, { description, type }]) => [
							key,
							{ type, description },
						]),
					),
				});
				expect([...(tool.inputSchema.required ?? [])].sort()).toEqual(
					Object.keys(parameters).sort(),
				);
			}
		});

		it('the AlpaClass tools chain: schools → the student by e-mail → the enrollments, with the stand-in data', async () => {
			const text = (result: Awaited<ReturnType<Client['callTool']>>) => {
				expect(result.isError).toBeFalsy();
				const [first] = result.content as Array<{ type: string; text: string }>;
				return JSON.parse(first.text) as unknown;
			};
			const before = fake.requests.length;
			const schools = text(await call('Get_AlpaClass_schools', {})) as Array<{
				id: string;
				name: string;
			}>;
			expect(schools).toContainEqual(expect.objectContaining(SCHOOL));

			const students = text(
				await call('Find_AlpaClass_student_by_e-mail', {
					schoolId: SCHOOL.id,
					email: STUDENT.email,
				}),
			) as Array<{ id: string; email: string }>;
			expect(students).toContainEqual(expect.objectContaining(STUDENT));

			const enrollments = text(
				await call('Get_AlpaClass_enrollments', { schoolId: SCHOOL.id, studentId: STUDENT.id }),
			) as Array<{ course: { name: string }; progress: number }>;
			expect(enrollments).toContainEqual(
				expect.objectContaining({ course: expect.objectContaining({ name: COURSE }) }),
			);

			const products = text(await call('Get_MyEduzz_products', {})) as unknown[];
			expect(products.length).toBeGreaterThan(0);

			expect(
				fake.requests.slice(before).map(({ method, path: p, query, status }) => ({
					method,
					path: p,
					query,
					status,
				})),
			).toEqual([
				{ method: 'GET', path: TEAMS, query: {}, status: 200 },
				{
					method: 'GET',
					path: `${TEAMS}/${SCHOOL.id}/students`,
					query: { email: STUDENT.email, itemsPerPage: '10' },
					status: 200,
				},
				{
					method: 'GET',
					path: `${TEAMS}/${SCHOOL.id}/students/${STUDENT.id}/enrollments`,
					query: { page: '1', itemsPerPage: '100' },
					status: 200,
				},
				expect.objectContaining({ method: 'GET', path: '/myeduzz/v1/products', status: 200 }),
			]);
		});

		it('an unknown student: the tool answers an error naming the path sent and where to find the id', async () => {
			const result = await call('Get_AlpaClass_enrollments', {
				schoolId: SCHOOL.id,
				studentId: 'no-such-student',
			});
			const [first] = result.content as Array<{ type: string; text: string }>;
			expect(result.isError).toBe(true);
			expect(first.text).toContain(
				`Eduzz API GET ${TEAMS}/${SCHOOL.id}/students/no-such-student/enrollments failed (404)`,
			);
			expect(first.text).toContain(
				`find teamId with "${actionOf('alpaclassSchool', 'getAll')}" and studentId with "${actionOf('alpaclassStudent', 'getAll')}" first.`,
			);
			expect(first.text).not.toContain(TOKEN);
		});

		it('why the example leaves On Error at its default: with Continue the client gets [{}], not the error', async () => {
			const continuing = await mcpServer((copy) => {
				for (const node of copy.nodes)
					if (node.type === EDUZZ_TOOL_TYPE)
						(node as WorkflowNode & { onError?: string }).onError = 'continueRegularOutput';
			});
			try {
				const result = await continuing.client.callTool({
					name: 'Get_AlpaClass_enrollments',
					arguments: { schoolId: SCHOOL.id, studentId: 'no-such-student' },
				});
				mcpResults.push({ call: 'On Error: Continue', result });
				expect(result.isError).toBeFalsy();
				expect(result.content).toEqual([{ type: 'text', text: '[{}]' }]);
			} finally {
				await continuing.stop();
			}
		});
	});

	describe(AGENT_EXAMPLE, () => {
		let agent: Awaited<ReturnType<typeof supportAgent>>;

		beforeAll(async () => {
			agent = await supportAgent();
		});
		afterAll(async () => {
			await agent?.stop();
		});

		it('chains the tools (schools → student by e-mail → enrollments) and answers with the data', async () => {
			const before = fake.requests.length;
			const { output, completions } = await agent.send(
				`Oi! Meu e-mail é ${STUDENT.email}. Quanto já avancei nos cursos?`,
			);
			expect(output).toContain(`${COURSE}: 0%`);
			expect(output).toContain('Curso Numero 2: 100%');

			// What n8n offered the model: the three Eduzz tools, `<action> in Eduzz`, the $fromAI parameters.
			const [first] = completions.map((completion) => completion.conversation!);
			const system = agent.workflow.nodes.find((node) => node.type.endsWith('.agent'))!.parameters
				.options as { systemMessage: string };
			expect(first.system).toContain(system.systemMessage.replace(/^=/, ''));
			expect(first.user).toContain(STUDENT.email);
			const toolNodes = agent.workflow.nodes.filter((node) => node.type === EDUZZ_TOOL_TYPE);
			expect(first.tools.map((tool) => tool.name).sort()).toEqual(
				toolNodes.map((node) => toolName(node.name)).sort(),
			);
			for (const node of toolNodes) {
				const tool = first.tools.find((candidate) => candidate.name === toolName(node.name))!;
				const { resource, operation } = node.parameters as { resource: string; operation: string };
				expect(tool.description).toBe(`${actionOf(resource, operation)} in Eduzz`);
				for (const [key, { description, type }] of Object.entries(fromAiCalls(node)))
					expect(tool.parameters?.properties?.[key]).toMatchObject({ type, description });
			}

			// What the tools answered the model: the stand-in's schools, students and enrollments.
			const last = completions.at(-1)!.conversation!;
			const schools = last.toolResults.filter((result) => result.name === SCHOOLS_TOOL);
			expect(parsed(schools[0])).toContainEqual(expect.objectContaining(SCHOOL));
			const finds = last.toolResults.filter((result) => result.name === FIND_TOOL);
			expect(finds.map((result) => result.arguments.schoolId)).toContain(SCHOOL.id);
			const found = finds.find((result) => result.arguments.schoolId === SCHOOL.id);
			expect(parsed(found)).toContainEqual(expect.objectContaining(STUDENT));
			const [progress] = last.toolResults.filter((result) => result.name === PROGRESS_TOOL);
			// (n8n 2.x replays each call's arguments with the call's id added.)
			expect(progress.arguments).toMatchObject({ schoolId: SCHOOL.id, studentId: STUDENT.id });
			expect(parsed(progress)).toContainEqual(
				expect.objectContaining({ progress: 0, course: expect.objectContaining({ name: COURSE }) }),
			);

			// What Eduzz's API received: the requests the tools' parameters make.
			const sent = fake.requests.slice(before);
			expect(sent[0]).toMatchObject({ method: 'GET', path: TEAMS, status: 200 });
			expect(sent).toContainEqual(
				expect.objectContaining({
					path: `${TEAMS}/${SCHOOL.id}/students`,
					query: { email: STUDENT.email, itemsPerPage: '10' },
				}),
			);
			expect(sent.at(-1)).toMatchObject({
				method: 'GET',
				path: `${TEAMS}/${SCHOOL.id}/students/${STUDENT.id}/enrollments`,
				query: { page: '1', itemsPerPage: '100' },
				status: 200,
			});
		});

		it('404: the model reads the path sent and where to find the id, finds the student and answers', async () => {
			const { output, completions } = await agent.send(
				`Sou da escola ${SCHOOL.id}, meu ID de aluno é 457391-errado, e-mail ${STUDENT.email}. Como está meu progresso?`,
			);
			const last = completions.at(-1)!.conversation!;
			const [failed, retried] = last.toolResults.filter((result) => result.name === PROGRESS_TOOL);
			const error = errorOf(failed);
			expect(error).toBe(
				`Eduzz API GET ${TEAMS}/${SCHOOL.id}/students/457391-errado/enrollments failed (404): AlpaClass student 457391-errado not found. ` +
					`Nothing exists at this address: check the IDs sent (teamId "${SCHOOL.id}", studentId "457391-errado"); ` +
					`find teamId with "${actionOf('alpaclassSchool', 'getAll')}" and studentId with "${actionOf('alpaclassStudent', 'getAll')}" first.`,
			);
			expect(last.toolResults.map((result) => result.name)).toEqual([
				PROGRESS_TOOL,
				FIND_TOOL,
				PROGRESS_TOOL,
			]);
			expect(retried.arguments).toMatchObject({ schoolId: SCHOOL.id, studentId: STUDENT.id });
			expect(output).toContain(`${COURSE}: 0%`);
		});
	});

	it('403: a token without the scope reaches the model as the scope to add and that a person must act', async () => {
		const agent = await supportAgent(credentials.teamOnly);
		try {
			const { output, completions } = await agent.send(
				`Oi! Meu e-mail é ${STUDENT.email}. Quanto já avancei nos cursos?`,
			);
			expect(output).toBe(SORRY);
			const last = completions.at(-1)!.conversation!;
			const finds = last.toolResults.filter((result) => result.name === FIND_TOOL);
			expect(finds.length).toBeGreaterThan(0);
			for (const find of finds) {
				expect(errorOf(find)).toBe(
					`Eduzz API GET ${TEAMS}/${String(find.arguments.schoolId)}/students failed (403): The access token lacks the required scope: alpaclass_student_read. ` +
						"The Eduzz app behind the access token lacks the scope alpaclass_student_read; calling again will not help: a person must add it to the app in the Eduzz console and copy a new access token into n8n's Eduzz credential.",
				);
			}
			expect(JSON.stringify(last)).not.toContain(TEAM_ONLY_TOKEN);
		} finally {
			await agent.stop();
		}
	});
});
