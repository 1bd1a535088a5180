/** The exact requests of the Eduzz node's Nutror operations, against the fake Eduzz. */
import type { IDataObject } from 'n8n-workflow';

import operations from '../../fixtures/eduzz-api.json';
import { startEduzzApi, byId, AUTH } from '../../support/eduzzNode';
import { PAGED_TOTAL } from '../../../tooling/eduzzPublicApi';

type Api = Awaited<ReturnType<typeof startEduzzApi>>;

const NUTROR = '/nutror/v1';
const auth = AUTH;
const done = [{ success: true }];

type ApiOperation = (typeof operations)[number];

/** The operation `method path` of Eduzz's OpenAPI file (test/fixtures/eduzz-api.json). */
function documented(method: string, path: string): ApiOperation {
	const found = operations.find((op) => op.method === method && op.path === path);
	if (!found) throw new Error(`${method} ${path} is not in eduzz-api.json`);
	return found;
}

const courseGet = documented('GET', '/nutror/v1/courses/:courseId').responses[0].example;
const commentGet = documented('GET', '/nutror/v1/comments/:id').responses[0].example;
const studentGet = documented('GET', '/nutror/v1/students/:id').responses[0].example;
const moduleGet = documented('GET', '/nutror/v1/courses/:courseId/modules/:moduleId').responses[0]
	.example;

describe('Eduzz node: Nutror', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startEduzzApi();
	});
	afterAll(() => api.close());

	it.each([
		// ---- Comments
		[
			'comment delete',
			{ resource: 'nutrorComment', operation: 'delete', commentId: '12345' },
			[{ method: 'DELETE', path: `${NUTROR}/comments/12345`, query: {}, auth }],
			done,
		],
		[
			'comment get',
			{ resource: 'nutrorComment', operation: 'get', commentId: '12345' },
			[{ method: 'GET', path: `${NUTROR}/comments/12345`, query: {}, auth }],
			[commentGet],
		],
		[
			'comment getAll with a limit',
			{ resource: 'nutrorComment', operation: 'getAll', limit: 4 },
			[{ method: 'GET', path: `${NUTROR}/comments`, query: { itemsPerPage: '4' }, auth }],
			4,
		],
		[
			'comment update with every field',
			{
				resource: 'nutrorComment',
				operation: 'update',
				commentId: '12345',
				updateFields: { isApproved: true, isFavorite: false, isFixed: true, isRead: true },
			},
			[
				{
					method: 'PATCH',
					path: `${NUTROR}/comments/12345`,
					query: {},
					body: { isApproved: true, isFavorite: false, isFixed: true, isRead: true },
					auth,
				},
			],
			done,
		],
		// ---- Comment answers
		[
			'answer create',
			{
				resource: 'nutrorCommentAnswer',
				operation: 'create',
				commentId: '12345',
				text: 'Obrigado pela pergunta!',
			},
			[
				{
					method: 'POST',
					path: `${NUTROR}/comments/12345/answers`,
					query: {},
					body: { text: 'Obrigado pela pergunta!' },
					auth,
				},
			],
			done,
		],
		[
			'answer delete',
			// The answer of the Nutror sample "comment replied".
			{ resource: 'nutrorCommentAnswer', operation: 'delete', answerId: '494312' },
			[{ method: 'DELETE', path: `${NUTROR}/answers/494312`, query: {}, auth }],
			done,
		],
		[
			'answer getAll of a comment',
			{ resource: 'nutrorCommentAnswer', operation: 'getAll', commentId: '12345', limit: 5 },
			[
				{
					method: 'GET',
					path: `${NUTROR}/comments/12345/answers`,
					query: { itemsPerPage: '5' },
					auth,
				},
			],
			5,
		],
		// ---- Courses
		[
			'course delete',
			{ resource: 'nutrorCourse', operation: 'delete', courseId: byId('12351') },
			[{ method: 'DELETE', path: `${NUTROR}/courses/12351`, query: {}, auth }],
			[{ code: null, message: 'Curso deletado com sucesso' }],
		],
		[
			'course get',
			{ resource: 'nutrorCourse', operation: 'get', courseId: byId('12351') },
			[{ method: 'GET', path: `${NUTROR}/courses/12351`, query: {}, auth }],
			[courseGet],
		],
		[
			'course getAll',
			{ resource: 'nutrorCourse', operation: 'getAll' },
			[{ method: 'GET', path: `${NUTROR}/courses`, query: {}, auth }],
			1,
		],
		[
			'course update with every field',
			{
				resource: 'nutrorCourse',
				operation: 'update',
				courseId: byId('12351'),
				updateFields: {
					authorId: 1,
					description: 'Curso de nutrição para iniciantes',
					published: true,
					title: 'Curso de Nutrição',
				},
			},
			[
				{
					method: 'PUT',
					path: `${NUTROR}/courses/12351`,
					query: {},
					body: {
						authorId: 1,
						description: 'Curso de nutrição para iniciantes',
						published: true,
						title: 'Curso de Nutrição',
					},
					auth,
				},
			],
			[{ code: null, message: 'Curso atualizado com sucesso' }],
		],
		[
			'course updateAdvanced with every field',
			{
				resource: 'nutrorCourse',
				operation: 'updateAdvanced',
				courseId: byId('12351'),
				updateFields: {
					daysAvailable: 365,
					allowMultipleAccess: false,
					certificateProgress: 100,
					duration: 2400,
					pixelFacebook: '123456789',
					pixelGoogleAnalytics: 'UA-123456789',
					releaseDate: '2024-08-27T00:00:00',
					secretaryStatus: true,
					secretaryUrl: 'https://www.example.com',
					progressBar: true,
					supportExternalUrl: 'https://help.example.com',
				},
			},
			[
				{
					method: 'PUT',
					path: `${NUTROR}/courses/12351/advanced`,
					query: {},
					body: {
						daysAvailable: 365,
						allowMultipleAccess: false,
						certificateProgress: 100,
						duration: 2400,
						pixelFacebook: '123456789',
						pixelGoogleAnalytics: 'UA-123456789',
						releaseDate: '2024-08-27',
						secretaryStatus: true,
						secretaryUrl: 'https://www.example.com',
						progressBar: true,
						supportExternalUrl: 'https://help.example.com',
					},
					auth,
				},
			],
			[{ code: null, message: 'Curso atualizado com sucesso' }],
		],
		[
			'course updateCustomization with every field',
			{
				resource: 'nutrorCourse',
				operation: 'updateCustomization',
				courseId: byId('12351'),
				updateFields: {
					background: 'https://example.com/bg.jpg',
					lessonsDefaultImage: 'https://example.com/l.jpg',
					modulesDefaultImage: 'https://example.com/m.jpg',
				},
			},
			[
				{
					method: 'PUT',
					path: `${NUTROR}/courses/12351/customization`,
					query: {},
					body: {
						background: 'https://example.com/bg.jpg',
						lessonsDefaultImage: 'https://example.com/l.jpg',
						modulesDefaultImage: 'https://example.com/m.jpg',
					},
					auth,
				},
			],
			[{ code: null, message: 'Curso atualizado com sucesso' }],
		],
		// ---- Enrollments
		[
			'enrollment block',
			{ resource: 'nutrorEnrollment', operation: 'block', enrollmentId: 'm/1' },
			[{ method: 'PUT', path: `${NUTROR}/enrollments/m%2F1/block`, query: {}, auth }],
			done,
		],
		[
			'enrollment delete',
			{ resource: 'nutrorEnrollment', operation: 'delete', enrollmentId: 'm1' },
			[{ method: 'DELETE', path: `${NUTROR}/enrollments/m1`, query: {}, auth }],
			done,
		],
		[
			'enrollment extendAccess',
			{
				resource: 'nutrorEnrollment',
				operation: 'extendAccess',
				enrollmentId: 'm1',
				expiredAt: '2025-01-22T00:00:00',
			},
			[
				{
					method: 'PUT',
					path: `${NUTROR}/enrollments/m1/extend-access`,
					query: {},
					body: { expiredAt: '2025-01-22T00:00:00' },
					auth,
				},
			],
			done,
		],
		[
			'enrollment getAll of a student',
			{
				resource: 'nutrorEnrollment',
				operation: 'getAll',
				studentId: '9b71e95310b7464bb6ca910ab3036372',
				limit: 2,
			},
			[
				{
					method: 'GET',
					path: `${NUTROR}/students/9b71e95310b7464bb6ca910ab3036372/enrollments`,
					query: { itemsPerPage: '2' },
					auth,
				},
			],
			// Eduzz's example has no enrollment, so the fake's items carry only an id.
			[{ id: 'item-1' }, { id: 'item-2' }],
		],
		[
			'enrollment releaseModules',
			{ resource: 'nutrorEnrollment', operation: 'releaseModules', enrollmentId: 'm1' },
			[{ method: 'PUT', path: `${NUTROR}/enrollments/m1/release-modules`, query: {}, auth }],
			done,
		],
		// ---- Modules
		[
			'module delete',
			{ resource: 'nutrorModule', operation: 'delete', courseId: byId('12351'), moduleId: '12351' },
			[{ method: 'DELETE', path: `${NUTROR}/courses/12351/modules/12351`, query: {}, auth }],
			[{ code: null, message: 'Módulo deletado com sucesso' }],
		],
		[
			'module get',
			{ resource: 'nutrorModule', operation: 'get', courseId: byId('12351'), moduleId: '12351' },
			[{ method: 'GET', path: `${NUTROR}/courses/12351/modules/12351`, query: {}, auth }],
			[moduleGet],
		],
		[
			'module getAll of a course',
			{ resource: 'nutrorModule', operation: 'getAll', courseId: byId('12351') },
			[{ method: 'GET', path: `${NUTROR}/courses/12351/modules`, query: {}, auth }],
			1,
		],
		[
			'module update with every field',
			{
				resource: 'nutrorModule',
				operation: 'update',
				courseId: byId('12351'),
				moduleId: '12351',
				updateFields: {
					availableDays: 30,
					daysLocked: 14,
					isDraft: false,
					isFree: true,
					sequence: 0,
					releaseDate: '2024-10-15T00:00:00',
					title: 'Módulo 1',
				},
			},
			[
				{
					method: 'PUT',
					path: `${NUTROR}/courses/12351/modules/12351`,
					query: {},
					body: {
						availableDays: 30,
						daysLocked: 14,
						isDraft: false,
						isFree: true,
						sequence: 0,
						releaseDate: '2024-10-15',
						title: 'Módulo 1',
					},
					auth,
				},
			],
			[{ code: null, message: 'Módulo atualizado com sucesso' }],
		],
		// ---- Students
		[
			'student delete',
			{
				resource: 'nutrorStudent',
				operation: 'delete',
				studentId: '9b71e95310b7464bb6ca910ab3036372',
			},
			[
				{
					method: 'DELETE',
					path: `${NUTROR}/students/9b71e95310b7464bb6ca910ab3036372`,
					query: {},
					auth,
				},
			],
			done,
		],
		[
			'student get',
			{
				resource: 'nutrorStudent',
				operation: 'get',
				studentId: '9b71e95310b7464bb6ca910ab3036372',
			},
			[
				{
					method: 'GET',
					path: `${NUTROR}/students/9b71e95310b7464bb6ca910ab3036372`,
					query: {},
					auth,
				},
			],
			[studentGet],
		],
		[
			'student getAll with every filter and a limit',
			{
				resource: 'nutrorStudent',
				operation: 'getAll',
				limit: 1,
				filters: { email: 'test@test.com', id: '9b71e953' },
			},
			[
				{
					method: 'GET',
					path: `${NUTROR}/students`,
					query: { itemsPerPage: '1', email: 'test@test.com', id: '9b71e953' },
					auth,
				},
			],
			1,
		],
	])('%s', async (_label, parameters, requests, output) => {
		const result = await api.run(parameters);
		expect(result.requests).toEqual(requests);
		if (typeof output === 'number') expect(result.items).toHaveLength(output);
		else expect(result.items).toEqual(output);
	});

	it('an update without fields sends no body', async () => {
		const { requests } = await api.run({
			resource: 'nutrorComment',
			operation: 'update',
			commentId: '12345',
		});
		expect(requests).toHaveLength(1);
		expect(requests[0]).toEqual({
			method: 'PATCH',
			path: `${NUTROR}/comments/12345`,
			query: {},
			auth,
		});
	});

	it.each<[string, (course: IDataObject) => unknown]>([
		['a bare array', (course) => [course, { ...course, id: 2 }]],
		['{ items }', (course) => ({ items: [course, { ...course, id: 2 }] })],
	])('course getAll reads %s as one item per course', async (_label, answer) => {
		// The fixture's example, which the stand-in answers with: swapped for this test's answer.
		const response: { example: unknown } = documented('GET', '/nutror/v1/courses').responses[0];
		const example = response.example;
		// Eduzz's example answer to GET /nutror/v1/courses is one course object.
		response.example = answer(example as IDataObject);
		try {
			const { items } = await api.run({ resource: 'nutrorCourse', operation: 'getAll' });
			expect(items.map((item) => ('id' in item ? item.id : undefined))).toEqual([12351, 2]);
		} finally {
			response.example = example;
		}
	});

	it('"Return All" follows every page, keeping the filters', async () => {
		const { items, requests } = await api.run({
			resource: 'nutrorStudent',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'test@test.com' },
		});
		expect(items).toHaveLength(PAGED_TOTAL);
		expect(new Set(items.map((item) => ('id' in item ? item.id : undefined))).size).toBe(
			PAGED_TOTAL,
		);
		expect(requests.map((request) => request.query)).toEqual([
			{ email: 'test@test.com', page: '1', itemsPerPage: '100' },
			{ email: 'test@test.com', page: '2', itemsPerPage: '100' },
			{ email: 'test@test.com', page: '3', itemsPerPage: '100' },
		]);
	});

	it('"Return All" follows every page of the answers to a comment', async () => {
		const { items, requests } = await api.run({
			resource: 'nutrorCommentAnswer',
			operation: 'getAll',
			commentId: '12345',
			returnAll: true,
		});
		expect(items).toHaveLength(PAGED_TOTAL);
		expect(requests.map((request) => `${request.path}?page=${request.query.page}`)).toEqual(
			[1, 2, 3].map((page) => `${NUTROR}/comments/12345/answers?page=${page}`),
		);
	});

	it.each([
		[
			'an unknown comment, its id percent-encoded',
			{ resource: 'nutrorComment', operation: 'get', commentId: 'c/1' },
			{ method: 'GET', path: `${NUTROR}/comments/c%2F1` },
		],
		[
			'an unknown answer',
			{ resource: 'nutrorCommentAnswer', operation: 'delete', answerId: 'r 9' },
			{ method: 'DELETE', path: `${NUTROR}/answers/r%209` },
		],
		[
			'an unknown course',
			{ resource: 'nutrorCourse', operation: 'get', courseId: byId('curso 1') },
			{ method: 'GET', path: `${NUTROR}/courses/curso%201` },
		],
		[
			'the modules of an unknown course',
			{ resource: 'nutrorModule', operation: 'getAll', courseId: byId('c/1') },
			{ method: 'GET', path: `${NUTROR}/courses/c%2F1/modules` },
		],
		[
			'an unknown module',
			{ resource: 'nutrorModule', operation: 'delete', courseId: byId('12351'), moduleId: 'mod 1' },
			{ method: 'DELETE', path: `${NUTROR}/courses/12351/modules/mod%201` },
		],
		[
			'an unknown student',
			{ resource: 'nutrorStudent', operation: 'get', studentId: 'a b' },
			{ method: 'GET', path: `${NUTROR}/students/a%20b` },
		],
	])("%s: Eduzz answers 404 with Nutror's error", async (_label, parameters, request) => {
		await expect(api.run(parameters)).rejects.toMatchObject({
			message: expect.stringContaining('(404): Dados não encontrados'),
		});
		expect(api.fake.requests.at(-1)).toMatchObject({ ...request, status: 404 });
	});

	it('a token without the scope fails with the scope to add', async () => {
		const limited = await startEduzzApi({ scopes: ['nutror_my_students_read'] });
		try {
			await expect(
				limited.run({
					resource: 'nutrorEnrollment',
					operation: 'extendAccess',
					enrollmentId: 'm1',
					expiredAt: '2025-01-22T00:00:00',
				}),
			).rejects.toMatchObject({
				message: expect.stringContaining('(403)'),
				description: expect.stringContaining('nutror_my_students_write'),
			});
		} finally {
			await limited.close();
		}
	});
});
