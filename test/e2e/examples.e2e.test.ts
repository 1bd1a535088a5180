/**
 * Every workflow in examples/ inside a real n8n (each pinned version), imported the way a user
 * imports it through the public API, with an Eduzz credential attached to the trigger:
 *
 * - `POST /api/v1/workflows` accepts it and stores it unchanged;
 * - every node's type and typeVersion is in the node types this n8n serves the editor
 *   (`/types/nodes.json`: what the editor resolves nodes against; "unknown node" otherwise), every
 *   parameter is one the editor keeps for that version, option values are valid, and the editor's
 *   own issue check (`NodeHelpers.getNodeParametersIssues` of the n8n-workflow this n8n runs) only
 *   reports what the example deliberately leaves to the user (`LEFT_FOR_THE_USER`);
 * - on 2.x, publishing (which validates nodes server-side) fails only on those same nodes;
 * - the examples' expressions produce what they promise: the nodes left to the user are swapped
 *   for something runnable (a local SMTP catcher; the Google Sheets append removed), the workflow is
 *   published and a correctly signed delivery is sent.
 *
 * Run: npm run build && npx jest --selectProjects e2e -- test/e2e/examples.e2e.test.ts
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- test code, never shipped: n8n Cloud's rules are for the package's nodes; the n8n-workflow of the n8n under test is required from its runtime */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import type * as N8nWorkflow from 'n8n-workflow';
import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';

import apiOperations from '../fixtures/eduzz-api.json';
import { envelope, deliver, moduleUnfinishedData } from '../../tooling/deliveries';
import type { FakeEduzz } from '../../tooling/fakeEduzz';
import { BROWSER_ID, request } from '../../tooling/n8n/client';
import type { N8nHandle } from '../../tooling/n8n/server';
import {
	eduzzCredentialData,
	TRIGGER_TYPE,
	itemsOf,
	type Client,
	type Credential,
	type CredentialRef,
	type Execution,
	type Workflow,
	type WorkflowDefinition,
	type WorkflowNode,
} from '../../tooling/n8n/workflows';
import { versions, startTestN8n, startFakeEduzz } from './harness';

/** A workflow of examples/: what n8n's editor exports. */
type Example = Required<Pick<WorkflowDefinition, 'name' | 'nodes' | 'connections'>> &
	WorkflowDefinition;

/** What is wrong with one node for the editor of an n8n (nodeProblems). */
interface NodeProblems {
	unknown?: string;
	droppedParameters?: string[];
	changedParameters?: string[];
	invalidOptionValues?: string[];
	parameterIssues?: Record<string, string[]>;
}

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');
const EXAMPLES = fs
	.readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.sort();
const SECRET = 'e2e-examples-7d1c0b9a8f7e6d5c4b3a29180f7e6d5c4b3a2918';
const TOKEN = 'e2e-examples-token';
const EDUZZ_NODE_TYPE = 'n8n-nodes-eduzz.eduzz';
/** The Eduzz node as an AI tool (n8n's conversion of the `usableAsTool` node). */
const EDUZZ_TOOL_TYPE = 'n8n-nodes-eduzz.eduzzTool';

/**
 * Nodes an example leaves for the user to finish in the editor, and the only issues they may have:
 * a credential to pick and, for Google Sheets, the spreadsheet.
 */
const LEFT_FOR_THE_USER: Record<string, { parameters: string[]; credential: string } | undefined> =
	{
		'n8n-nodes-base.googleSheets': {
			parameters: ['documentId'],
			credential: 'googleSheetsOAuth2Api',
		},
		'n8n-nodes-base.emailSend': { parameters: [], credential: 'smtp' },
		'@n8n/n8n-nodes-langchain.lmChatOpenAi': { parameters: [], credential: 'openAiApi' },
		'@n8n/n8n-nodes-langchain.mcpTrigger': { parameters: [], credential: 'httpBearerAuth' },
	};

const readExample = (file: string): Example =>
	JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
/** The examples started by an Eduzz Trigger; the others are AI examples (test/e2e/ai.e2e.test.ts runs them). */
const TRIGGER_EXAMPLES = EXAMPLES.filter((file) =>
	readExample(file).nodes.some((node) => node.type === TRIGGER_TYPE),
);
const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/** The example's Eduzz Trigger (each of TRIGGER_EXAMPLES has one). */
function triggerOf(example: { nodes: WorkflowNode[] }) {
	const trigger = example.nodes.find((node) => node.type === TRIGGER_TYPE);
	if (!trigger) throw new Error('the example has no Eduzz Trigger');
	return trigger;
}

/** The example as a user imports it: the Eduzz credential picked on every Eduzz node. */
function withCredential(
	example: Example,
	credential: CredentialRef,
	{ name }: { name?: string } = {},
): Example {
	const copy = structuredClone(example);
	if (name) copy.name = name;
	for (const node of copy.nodes) {
		if ([TRIGGER_TYPE, EDUZZ_NODE_TYPE, EDUZZ_TOOL_TYPE].includes(node.type))
			node.credentials = { eduzzApi: { id: credential.id, name: credential.name } };
	}
	return copy;
}

/**
 * What is wrong with one node for the editor of this n8n: unknown type/version, parameters the
 * editor would drop or change, option values that do not exist, and parameter issues.
 */
function nodeProblems(
	node: WorkflowNode,
	nodeTypes: INodeTypeDescription[],
	workflowLib: typeof N8nWorkflow,
): NodeProblems {
	const description = nodeTypes.find(
		(type) => type.name === node.type && [type.version].flat().includes(node.typeVersion),
	);
	if (!description) return { unknown: `${node.type} v${node.typeVersion}` };
	const { NodeHelpers } = workflowLib;
	const parameters: INodeParameters = node.parameters || {};
	const resolved =
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			node,
			description,
		) ?? {};
	const problems: NodeProblems = {};
	const dropped = Object.keys(parameters).filter((key) => !(key in resolved));
	if (dropped.length) problems.droppedParameters = dropped;
	const changed = Object.keys(parameters).filter(
		(key) => key in resolved && JSON.stringify(resolved[key]) !== JSON.stringify(parameters[key]),
	);
	if (changed.length) problems.changedParameters = changed;

	// Values of top-level options/multiOptions parameters must be among the options offered.
	const invalid: string[] = [];
	// An n8n node as the editor holds it (n8n-workflow's INode; the API's node has the same fields).
	const asINode = { id: '', ...node } as INode;
	for (const [key, value] of Object.entries(parameters)) {
		const property = description.properties.find(
			(p) =>
				p.name === key &&
				(p.type === 'options' || p.type === 'multiOptions') &&
				NodeHelpers.displayParameter(resolved, p, asINode, description),
		);
		if (!property || !Array.isArray(property.options) || isExpression(value)) continue;
		const allowed = new Set<unknown>(
			property.options.map((option) => ('value' in option ? option.value : undefined)),
		);
		for (const v of [value].flat()) if (!allowed.has(v)) invalid.push(`${key}=${v}`);
	}
	if (invalid.length) problems.invalidOptionValues = invalid;

	const issues = NodeHelpers.getNodeParametersIssues(
		description.properties,
		{ ...asINode, parameters: resolved },
		description,
	);
	const parameterIssues = issues?.parameters ?? {};
	const allowedIssues = LEFT_FOR_THE_USER[node.type]?.parameters ?? [];
	const unexpected = Object.keys(parameterIssues).filter((name) => !allowedIssues.includes(name));
	if (unexpected.length)
		problems.parameterIssues = Object.fromEntries(
			unexpected.map((name) => [name, parameterIssues[name]]),
		);
	return problems;
}

/** Node names `Cannot publish workflow: … Node "X": …` (n8n 2.x) complains about. */
const nodesNamedIn = (message: unknown) =>
	[...String(message).matchAll(/Node "([^"]+)":/g)].map((m) => m[1]);

// ---------------------------------------------------------------------------------------------
// A minimal SMTP server that accepts everything and keeps the messages (no TLS, no auth).
// ---------------------------------------------------------------------------------------------
/** An e-mail the SMTP catcher received: its envelope recipients and the parsed message. */
interface Mail extends ParsedMessage {
	to: string[];
}

interface SmtpCatcher {
	port: number;
	messages: Mail[];
	close: () => Promise<void>;
}

function startSmtpCatcher(): Promise<SmtpCatcher> {
	const messages: Mail[] = [];
	const server = net.createServer((socket) => {
		let buffer = '';
		let inData = false;
		let envelopeTo: string[] = [];
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 localhost ESMTP catcher');
		socket.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('latin1');
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end === -1) return;
					const raw = Buffer.from(buffer.slice(0, end), 'latin1')
						.toString('utf8')
						.replace(/^\.\./gm, '.');
					buffer = buffer.slice(end + 5);
					inData = false;
					messages.push({ to: envelopeTo, ...parseMessage(raw) });
					envelopeTo = [];
					reply('250 OK queued');
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol === -1) return;
				const line = buffer.slice(0, eol);
				buffer = buffer.slice(eol + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') reply('250 localhost');
				else if (verb === 'RCPT') {
					envelopeTo.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'));
					reply('250 OK');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else reply('250 OK'); // MAIL, RSET, NOOP
			}
		});
		socket.on('error', () => {});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () =>
			resolve({
				port: (server.address() as net.AddressInfo).port,
				messages,
				close: () => new Promise<void>((done) => server.close(() => done())),
			}),
		);
	});
}

interface ParsedMessage {
	headers: Record<string, string>;
	subject?: string;
	from?: string;
	body: string;
}

/** Headers (unfolded, RFC 2047 words decoded) and the decoded text body of a simple message. */
function parseMessage(raw: string): ParsedMessage {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	let body = raw.slice(split + 4);
	const headers: Record<string, string> = {};
	for (const line of head.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0)
			headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
	}
	const encoding = (headers['content-transfer-encoding'] || '').toLowerCase();
	if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body);
	else if (encoding === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
	return {
		headers,
		subject: headers.subject,
		from: headers.from,
		body: body.replace(/\r\n/g, '\n'),
	};
}

function decodeQuotedPrintable(text: string) {
	const bytes = Buffer.from(text.replace(/=\r\n/g, ''), 'utf8').toString('latin1');
	return Buffer.from(
		bytes.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
		'latin1',
	).toString('utf8');
}

function decodeWords(value: string) {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
			kind.toUpperCase() === 'B'
				? Buffer.from(text, 'base64').toString('utf8')
				: decodeQuotedPrintable(text.replace(/_/g, ' ')),
		);
}

// ---------------------------------------------------------------------------------------------

describe.each(versions)('examples/ in n8n %s', (version) => {
	const isV2 = !version.startsWith('1.');
	let n8n: N8nHandle;
	let c: Client;
	let stop: (() => Promise<void>) | undefined;
	let credential: Credential;
	let nodeTypes: INodeTypeDescription[];
	let workflowLib: typeof N8nWorkflow;
	let smtp: SmtpCatcher | undefined;
	let smtpCredential: Credential;
	let fake: FakeEduzz | undefined;

	beforeAll(async () => {
		({ n8n, c, stop } = await startTestN8n(version, { label: 'e2e-examples' }));
		// Eduzz's API for the Eduzz node: a student with two enrollments.
		const scopes = [...new Set(apiOperations.flatMap((operation) => operation.scopes))];
		const eduzz = await startFakeEduzz({ tokens: { [TOKEN]: scopes }, pagedTotal: 2 });
		fake = eduzz;
		credential = await c.createCredential(
			'eduzzApi',
			'Eduzz API',
			eduzzCredentialData({ webhookSecret: SECRET, accessToken: TOKEN, baseUrl: eduzz.baseUrl }),
		);
		// The node types the editor resolves workflows against (the same list it downloads).
		const types = await request<INodeTypeDescription[]>('GET', `${n8n.baseUrl}/types/nodes.json`, {
			headers: { cookie: n8n.cookie ?? '', 'browser-id': BROWSER_ID },
		});
		expect(types.status).toBe(200);
		nodeTypes = types.body;
		// The n8n-workflow this n8n runs: its NodeHelpers are what the editor uses for node issues.
		workflowLib = require(path.join(n8n.runtime.dir, 'node_modules', 'n8n-workflow'));
		const catcher = await startSmtpCatcher();
		smtp = catcher;
		smtpCredential = await c.createCredential('smtp', 'SMTP catcher (e2e)', {
			user: '',
			password: '',
			host: '127.0.0.1',
			port: catcher.port,
			secure: false,
			disableStartTls: true,
			hostName: '',
		});
	});

	afterAll(async () => {
		await stop?.();
		await smtp?.close();
		await fake?.close();
	});

	it('there are examples, each with one Eduzz Trigger or, for AI agents, Eduzz tools', () => {
		expect(TRIGGER_EXAMPLES).toEqual(
			expect.arrayContaining([
				'student-unmarked-module.json',
				'student-unmarked-module-email.json',
				'student-unmarked-module-progress-email.json',
				'alpaclass-events-log.json',
			]),
		);
		expect(EXAMPLES.filter((file) => !TRIGGER_EXAMPLES.includes(file))).toEqual([
			'eduzz-mcp-server.json',
			'student-support-agent.json',
		]);
		for (const file of EXAMPLES) {
			const { nodes } = readExample(file);
			if (TRIGGER_EXAMPLES.includes(file))
				expect(nodes.filter((node) => node.type === TRIGGER_TYPE)).toHaveLength(1);
			else expect(nodes.some((node) => node.type === EDUZZ_TOOL_TYPE)).toBe(true);
		}
	});

	it.each(EXAMPLES)(
		'%s is accepted by POST /api/v1/workflows and stored unchanged',
		async (file) => {
			const example = withCredential(readExample(file), credential);
			const created = await c.createWorkflow(example);
			expect(created.id).toEqual(expect.any(String));
			const stored = await c.api<Workflow>('GET', `/workflows/${created.id}`);
			// (n8n gives nodes that can wait for a webhook, e.g. Send Email 2.1, a webhookId of their own.)
			const shape = (workflow: { nodes: WorkflowNode[] }) =>
				workflow.nodes
					.map(({ name, type, typeVersion, parameters, credentials }) => ({
						name,
						type,
						typeVersion,
						parameters,
						credentials,
					}))
					.sort((a, b) => a.name.localeCompare(b.name));
			expect(shape(stored)).toEqual(shape(example));
			expect(stored.connections).toEqual(example.connections);
			for (const node of example.nodes.filter((n) => n.webhookId))
				expect(stored.nodes.find((n) => n.name === node.name)?.webhookId).toBe(node.webhookId);
			for (const node of stored.nodes.filter((n) => n.credentials?.eduzzApi))
				expect(node.credentials?.eduzzApi?.id).toBe(credential.id);
		},
	);

	it.each(EXAMPLES)(
		'%s uses only node types, versions, parameters and option values this n8n knows',
		(file) => {
			const problems: Record<string, NodeProblems> = {};
			for (const node of readExample(file).nodes) {
				const found = nodeProblems(node, nodeTypes, workflowLib);
				if (Object.keys(found).length) problems[node.name] = found;
			}
			expect(problems).toEqual({});
		},
	);

	// Only 2.x validates every node when publishing; on 1.x there is nothing to check, so no test.
	if (isV2)
		it.each(EXAMPLES)(
			'%s: publishing (n8n 2.x validates every node) objects only to the nodes left for the user',
			async (file) => {
				const example = withCredential(readExample(file), credential, {
					name: `${file} (publish check)`,
				});
				for (const node of example.nodes) if (node.webhookId) node.webhookId = crypto.randomUUID();
				const created = await c.createWorkflow(example);
				const activation = await c.activate(created.id);
				const leftForUser = example.nodes
					.filter((node) => LEFT_FOR_THE_USER[node.type])
					.map((node) => node.name);
				try {
					if (leftForUser.length === 0) {
						expect(activation).toMatchObject({ status: 'published' });
					} else {
						expect(activation.status).toBe('failed');
						expect(activation.errorMessage).toMatch(/configuration issues/);
						expect(activation.errorMessage).not.toMatch(/Unrecognized node type/i);
						expect(nodesNamedIn(activation.errorMessage).sort()).toEqual([...leftForUser].sort());
						for (const node of example.nodes.filter((n) => LEFT_FOR_THE_USER[n.type])) {
							// (2.41 says "Credential not configured" when the example names one without an id.)
							expect(activation.errorMessage).toMatch(
								new RegExp(
									`(Missing required credential|Credential not configured): ${LEFT_FOR_THE_USER[node.type]?.credential}`,
								),
							);
						}
					}
				} finally {
					if (activation.status === 'published') await c.deactivate(created.id);
				}
			},
		);

	/**
	 * The example made runnable without third-party accounts: Google Sheets appends removed (the
	 * rows are read from the node before them), e-mails sent to the local SMTP catcher. Published;
	 * returns `{ workflow, url }`.
	 */
	async function publishRunnable(file: string) {
		const example = withCredential(readExample(file), credential, { name: `${file} (runnable)` });
		const removed = new Set(
			example.nodes
				.filter((node) => node.type === 'n8n-nodes-base.googleSheets')
				.map((node) => node.name),
		);
		example.nodes = example.nodes.filter((node) => !removed.has(node.name));
		for (const name of removed) delete example.connections[name];
		for (const outputs of Object.values(example.connections)) {
			outputs.main = outputs.main.map((targets) =>
				targets.filter((target) => !removed.has(target.node)),
			);
		}
		for (const node of example.nodes) {
			if (node.type === 'n8n-nodes-base.emailSend')
				node.credentials = { smtp: { id: smtpCredential.id, name: smtpCredential.name } };
		}
		const trigger = triggerOf(example);
		const webhookId = crypto.randomUUID();
		trigger.webhookId = webhookId;
		const workflow = await c.createWorkflow(example);
		const activation = await c.activate(workflow.id);
		expect(activation).toMatchObject({ status: 'published' });
		const url = n8n.webhookUrl(webhookId, 'webhook');
		await c.waitForWebhook(url);
		return { workflow, url };
	}

	async function executionOf(workflow: Workflow, eventId: string): Promise<Execution> {
		const execution = await c.waitForEvent(workflow.id, eventId);
		expect(execution.status).toBe('success');
		return execution;
	}

	it('student-unmarked-module-email.json e-mails the student in Portuguese and builds the log row', async () => {
		const { workflow, url } = await publishRunnable('student-unmarked-module-email.json');
		const event = envelope('alpaclass.student_module_unfinished', moduleUnfinishedData);
		expect((await deliver(url, event, { secret: SECRET })).status).toBe(200);
		const execution = await executionOf(workflow, event.id);

		const messages = smtp?.messages ?? [];
		expect(messages).toHaveLength(1);
		const [mail] = messages;
		expect(mail.to).toEqual(['fulano.s@gmail.com']);
		expect(mail.from).toContain('cursos@example.com');
		expect(mail.subject).toBe('Tudo certo com o módulo "Módulo 1"?');
		expect(mail.body).toContain('Olá, Fulano!');
		expect(mail.body).toContain(
			'Vimos que você desmarcou o módulo "Módulo 1" do curso "Princípios da Programação Orientada a Objetos"',
		);
		expect(mail.body).toContain('a equipe da Escola de Beltrano está aqui para ajudar');

		expect(itemsOf(execution, 'Build the log row')).toEqual([
			{
				date: event.sentDate,
				eventId: event.id,
				student: 'Fulano da Silva',
				email: 'fulano.s@gmail.com',
				course: 'Princípios da Programação Orientada a Objetos',
				module: 'Módulo 1',
				action: 'e-mail enviado',
			},
		]);
		await c.deactivate(workflow.id);
	});

	it('student-unmarked-module-progress-email.json looks the enrollments up in AlpaClass and e-mails the progress', async () => {
		const { workflow, url } = await publishRunnable('student-unmarked-module-progress-email.json');
		const messages = smtp?.messages ?? [];
		messages.length = 0;
		const requests = fake?.requests ?? [];
		const before = requests.length;
		const event = envelope('alpaclass.student_module_unfinished', moduleUnfinishedData);
		expect((await deliver(url, event, { secret: SECRET })).status).toBe(200);
		await executionOf(workflow, event.id);

		const { student, team } = moduleUnfinishedData;
		expect(
			requests.slice(before).map(({ method, path, query, headers }) => ({
				method,
				path,
				query,
				auth: headers.authorization,
			})),
		).toEqual([
			{
				method: 'GET',
				path: `/alpaclass/v1/producer/teams/${team.id}/students/${student.id}/enrollments`,
				query: { page: '1', itemsPerPage: '100' },
				auth: 'Bearer ***', // the fake accepted the credential's token and redacts it
			},
		]);
		expect(messages).toHaveLength(1); // once for the student, not once per enrollment
		const [mail] = messages;
		expect(mail.to).toEqual([student.email]);
		expect(mail.subject).toBe(`Seu progresso na ${team.name}`);
		expect(mail.body).toContain('Olá, Fulano!');
		expect(mail.body).toContain('• Curso Numero 1: 0%');
		expect(mail.body).toContain('• Curso Numero 2: 100%');

		// Eduzz redelivers the same event: it runs, but Remove Duplicates stops it before the
		// lookup and the e-mail (README, Redeliveries).
		const afterFirst = requests.length;
		expect((await deliver(url, event, { secret: SECRET, attempt: 2 })).status).toBe(200);
		const executions = await c.waitForExecutions(workflow.id, 2);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		expect(executions.map((execution) => itemsOf(execution, 'Eduzz Trigger')[0]?.id)).toEqual([
			event.id,
			event.id,
		]);
		expect(requests.length).toBe(afterFirst);
		expect(messages).toHaveLength(1);
		await c.deactivate(workflow.id);
	});

	it('one-course-progress.json runs for its course only', async () => {
		const { workflow, url } = await publishRunnable('one-course-progress.json');
		const { student, module, course, team } = moduleUnfinishedData;
		const lesson = { id: 'l1', name: 'Aula 1' };
		const finished = (forCourse: typeof course) =>
			envelope('alpaclass.student_lesson_finished', {
				progress: 50,
				student,
				lesson,
				module,
				course: forCourse,
				team,
			});
		const other = finished({ ...course, id: 'another-course', name: 'Outro curso' });
		const mine = finished(course);
		expect((await deliver(url, other, { secret: SECRET })).json).toMatchObject({
			executed: false,
			reason: 'filtered_out',
			field: 'data.course.id',
		});
		expect((await deliver(url, mine, { secret: SECRET })).status).toBe(200);
		expect(itemsOf(await executionOf(workflow, mine.id), 'Progress in the course')).toEqual([
			{
				student: student.name,
				email: student.email,
				course: course.name,
				milestone: 'aula concluída: Aula 1',
				progress: '50%',
				date: mine.sentDate,
			},
		]);
		expect(await c.listExecutions(workflow.id)).toHaveLength(1);
		await c.deactivate(workflow.id);
	});

	it('alpaclass-events-log.json turns any AlpaClass event into one row with the same columns', async () => {
		const { workflow, url } = await publishRunnable('alpaclass-events-log.json');
		const { student, module, course, team } = moduleUnfinishedData;
		const lesson = { id: '9b1f2c3d4e5f60718293a4b5c6d7e8f9', name: 'Aula 3: Encapsulamento' };
		const created = envelope('alpaclass.student_created', {
			student: {
				...student,
				document: '12345678909',
				phone: '+5511999999999',
				createdAt: '2024-06-12T12:00:00.000Z',
				locale: 'pt_BR',
			},
			team,
		});
		const finished = envelope('alpaclass.student_lesson_finished', {
			progress: 50,
			student,
			lesson,
			module,
			course,
			team,
		});
		const certificate = envelope('alpaclass.student_certificate_accessed', {
			student,
			course,
			team,
			certificateUrl: 'https://example.com/c.pdf',
		});
		for (const event of [created, finished, certificate])
			expect((await deliver(url, event, { secret: SECRET })).status).toBe(200);

		const row = async (event: ReturnType<typeof envelope>) =>
			itemsOf(await executionOf(workflow, event.id), 'Flatten to log columns');
		const common = {
			student: 'Fulano da Silva',
			email: 'fulano.s@gmail.com',
			school: 'Escola de Beltrano',
		};
		expect(await row(created)).toEqual([
			{
				date: created.sentDate,
				event: 'alpaclass.student_created',
				...common,
				course: '',
				module: '',
				lesson: '',
			},
		]);
		expect(await row(finished)).toEqual([
			{
				date: finished.sentDate,
				event: 'alpaclass.student_lesson_finished',
				...common,
				course: course.name,
				module: 'Módulo 1',
				lesson: 'Aula 3: Encapsulamento',
			},
		]);
		expect(await row(certificate)).toEqual([
			{
				date: certificate.sentDate,
				event: 'alpaclass.student_certificate_accessed',
				...common,
				course: course.name,
				module: '',
				lesson: '',
			},
		]);
		await c.deactivate(workflow.id);
	});
});
