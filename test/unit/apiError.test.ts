/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError, type INode } from 'n8n-workflow';

import { Eduzz } from '../../nodes/Eduzz/Eduzz.node';
import { eduzzApiError } from '../../nodes/shared/apiError';
import { byId, startEduzzApi } from '../support/eduzzNode';
import { runEduzzNode } from '../support/n8nCoreContexts';

/*
 * The errors of Eduzz's API answers, which an AI Agent's model reads: inside n8n's AI Agent a
 * tool's failure reaches the model as `{ "error": message }` alone (n8n-core's workflow-execute),
 * so the message names the call as sent, Eduzz's reason and the next step; the description keeps
 * what a person does in Eduzz's console.
 */

type EduzzApi = Awaited<ReturnType<typeof startEduzzApi>>;

const node = { name: 'Eduzz', type: 'n8n-nodes-eduzz.eduzz', typeVersion: 1 } as INode;
const TEAMS = '/alpaclass/v1/producer/teams';
/** The AlpaClass school and student of Eduzz's event samples, which the stand-in holds. */
const SCHOOL = '16943848cc6495142a8e3011d0173252';
const STUDENT = '457391c9c82bfdcbb4947278c0401e41';

/** The action (n8n's tool description) of an operation of the node. */
function actionOf(resource: string, operation: string): string {
	const picker = new Eduzz().description.properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource,
	);
	const option = (picker?.options as Array<{ value: string; action?: string }>).find(
		(candidate) => candidate.value === operation,
	);
	if (!option?.action) throw new Error(`no action for ${resource}:${operation}`);
	return option.action;
}

describe('eduzzApiError: the message says what was sent, what Eduzz said and what to do', () => {
	const path = `${TEAMS}/abc/students/xyz/enrollments`;

	it('403 names the missing scope in the message, and keeps the console steps as description', () => {
		const error = eduzzApiError(
			node,
			{ method: 'GET', path, scopes: ['alpaclass_student_read'] },
			403,
			{ message: 'The access token lacks the required scope: alpaclass_student_read' },
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe(
			`Eduzz API GET ${path} failed (403): The access token lacks the required scope: alpaclass_student_read. ` +
				"The Eduzz app behind the access token lacks the scope alpaclass_student_read; calling again will not help: a person must add it to the app in the Eduzz console and copy a new access token into n8n's Eduzz credential.",
		);
		expect(error.description).toContain('Aplicativos → Meus aplicativos');
	});

	it('404 names the ids sent and the operations that find them', () => {
		const error = eduzzApiError(
			node,
			{
				method: 'GET',
				path,
				ids: [
					{ name: 'teamId', value: 'abc', findWith: 'Get many schools' },
					{ name: 'studentId', value: 'xyz', findWith: 'Get many students of a school' },
				],
			},
			404,
			{ message: 'Aluno não encontrado.' },
		);
		expect(error.message).toBe(
			`Eduzz API GET ${path} failed (404): Aluno não encontrado. Nothing exists at this address: check the IDs sent (teamId "abc", studentId "xyz"); find teamId with "Get many schools" and studentId with "Get many students of a school" first.`,
		);
		expect(error.description).toContain('check the ids');
	});

	it.each([
		[429, { retryAfter: 30 }, 'wait 30 seconds and call again.'],
		[429, {}, 'wait a few seconds and call again.'],
		[401, {}, "a person must copy a fresh access token into n8n's Eduzz credential."],
		[400, {}, 'correct them and call again.'],
		[503, {}, 'call again in a minute'],
	])('%i: %j → "…%s"', (status, extra, next) => {
		const error = eduzzApiError(node, { method: 'POST', path: '/x', ...extra }, status, {});
		expect(error.message).toMatch(new RegExp(`^Eduzz API POST /x failed \\(${status}\\)\\. `));
		expect(error.message).toContain(next);
	});

	it('a validation error lists each field Eduzz names, then the next step', () => {
		const error = eduzzApiError(node, { method: 'POST', path: '/x' }, 400, {
			message: 'Validation failed',
			errors: [{ field: 'email', message: 'must be an e-mail' }, { message: 'bad' }],
		});
		expect(error.message).toBe(
			'Eduzz API POST /x failed (400): Validation failed; email: must be an e-mail; bad. Eduzz refused the values sent: correct them and call again.',
		);
	});

	it('the token never shows, even where Eduzz repeats it', () => {
		const token = 'edz-secret-token-123456';
		const error = eduzzApiError(node, { method: 'GET', path: '/x', secrets: [token] }, 401, {
			message: `Token ${token} revoked`,
			debug: { header: `Bearer ${token}` },
		});
		expect(error.message).toContain('Token *** revoked');
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain(token);
	});
});

describe('the Eduzz node: the path in the message is the one sent', () => {
	let api: EduzzApi;
	beforeAll(async () => {
		api = await startEduzzApi();
	});
	afterAll(() => api.close());

	it('404: the ids of the path (resource locator and text), percent-encoded as sent, and where to find them', async () => {
		const error = await api
			.run({
				resource: 'alpaclassEnrollment',
				operation: 'getAll',
				teamId: byId(SCHOOL),
				studentId: 'no/one',
			})
			.catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeApiError);
		const { message } = error as NodeApiError;
		expect(message).toMatch(
			new RegExp(
				`^Eduzz API GET ${TEAMS}/${SCHOOL}/students/no%2Fone/enrollments failed \\(404\\)`,
			),
		);
		expect(message).toContain(
			`check the IDs sent (teamId "${SCHOOL}", studentId "no/one"); find teamId with "${actionOf('alpaclassSchool', 'getAll')}" and studentId with "${actionOf('alpaclassStudent', 'getAll')}" first.`,
		);
		expect(message).not.toContain(':teamId');
	});

	it('403: the path with its ids and the missing scope', async () => {
		const limited = await startEduzzApi({ scopes: ['alpaclass_team_read'] });
		try {
			const error = await limited
				.run({
					resource: 'alpaclassEnrollment',
					operation: 'getAll',
					teamId: byId(SCHOOL),
					studentId: STUDENT,
				})
				.catch((thrown: unknown) => thrown);
			expect((error as NodeApiError).message).toMatch(
				new RegExp(
					`^Eduzz API GET ${TEAMS}/${SCHOOL}/students/${STUDENT}/enrollments failed \\(403\\).*lacks the scope alpaclass_student_read; calling again will not help`,
				),
			);
		} finally {
			await limited.close();
		}
	});

	it('ids from expressions (as an AI tool fills them) are filled in with their values', async () => {
		const error = await runEduzzNode({
			parameters: {
				resource: 'alpaclassEnrollment',
				operation: 'getAll',
				teamId: { __rl: true, mode: 'id', value: '={{ $json.school }}' },
				studentId: '={{ $json.student }}',
			},
			credentials: { accessToken: 'eduzz-node-test-token', baseUrl: api.fake.baseUrl },
			input: [{ json: { school: 'escola-x', student: 'aluno-y' } }],
		}).catch((thrown: unknown) => thrown);
		expect((error as Error).message).toMatch(
			new RegExp(`^Eduzz API GET ${TEAMS}/escola-x/students/aluno-y/enrollments failed \\(404\\)`),
		);
	});
});

describe('the Eduzz node: the access token never reaches the message', () => {
	const TOKEN = 'a-token-eduzz-would-repeat-0123456789';
	let server: http.Server;
	let baseUrl: string;
	beforeAll(async () => {
		// An API that repeats the Authorization header in its error, as a careless proxy might.
		server = http.createServer((req, res) => {
			res.writeHead(401, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: `Refused: ${req.headers.authorization}` }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('is replaced by *** in the message, the description and the body n8n keeps', async () => {
		const error = await runEduzzNode({
			parameters: { resource: 'alpaclassSchool', operation: 'getAll' },
			credentials: { accessToken: TOKEN, baseUrl },
		}).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeApiError);
		const { message, description } = error as NodeApiError;
		expect(message).toBe(
			`Eduzz API GET ${TEAMS} failed (401): Refused: Bearer ***. Calling again will not help: a person must copy a fresh access token into n8n's Eduzz credential.`,
		);
		expect(JSON.stringify({ ...(error as object), message, description })).not.toContain(TOKEN);
	});
});
