/** The exact requests of the Eduzz node's AlpaClass and Account operations, against the fake Eduzz. */
import { startEduzzApi, byId, AUTH } from '../../support/eduzzNode';
import { PAGED_TOTAL } from '../../../tooling/eduzzPublicApi';
import { moduleUnfinishedData } from '../../../tooling/deliveries';

type Api = Awaited<ReturnType<typeof startEduzzApi>>;

const TEAMS = '/alpaclass/v1/producer/teams';
const auth = AUTH;
/** The AlpaClass sample's school, student and course: the stand-in holds them. */
const { team: SCHOOL, student: STUDENT, course: COURSE } = moduleUnfinishedData;
const ENROLLMENTS = { resource: 'alpaclassEnrollment', operation: 'getAll' };

describe('Eduzz node: AlpaClass and Account', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startEduzzApi();
	});
	afterAll(() => api.close());

	it.each([
		[
			'account get',
			{ resource: 'account', operation: 'get' },
			[{ method: 'GET', path: '/accounts/v1/me', query: {}, auth }],
			[
				{
					id: 'dcc44cb7-30c8-46ef-b35b-ffacf8cc61d1',
					name: 'Fulano da Silva',
					email: 'fulano.silva@example.com',
				},
			],
		],
		[
			'school getAll, sorted',
			{ resource: 'alpaclassSchool', operation: 'getAll', options: { sort: 'name:asc' } },
			[{ method: 'GET', path: TEAMS, query: { sort: 'name:asc' }, auth }],
			4, // Eduzz's 3 examples and the sample's school
		],
		[
			'student create with every field',
			{
				resource: 'alpaclassStudent',
				operation: 'create',
				teamId: byId(SCHOOL.id),
				name: 'Fulano da Silva',
				email: 'fulano@example.com',
				additionalFields: {
					document: '12345678900',
					phone: '11999999999',
					tags: 'vip, turma-2026,',
				},
			},
			[
				{
					method: 'POST',
					path: `${TEAMS}/${SCHOOL.id}/students`,
					query: {},
					body: {
						name: 'Fulano da Silva',
						email: 'fulano@example.com',
						document: '12345678900',
						phone: '11999999999',
						tags: ['vip', 'turma-2026'],
					},
					auth,
				},
			],
			[
				{
					id: 'xPt123',
					name: 'Jhon Doe',
					email: 'jhon_doe@eduzz.com',
					phone: '11999999999',
					document: '1234567890',
				},
			],
		],
		[
			'student getAll with every filter and a limit',
			{
				resource: 'alpaclassStudent',
				operation: 'getAll',
				teamId: byId(SCHOOL.id),
				limit: 7,
				filters: {
					document: '123',
					email: 'a@b.c',
					isFrozen: true,
					startDate: '2024-01-01T00:00:00',
					endDate: '2024-12-31T23:59:59',
					sort: 'email:desc',
					id: 's1',
				},
			},
			[
				{
					method: 'GET',
					path: `${TEAMS}/${SCHOOL.id}/students`,
					query: {
						itemsPerPage: '7',
						document: '123',
						email: 'a@b.c',
						isFrozen: 'true',
						startDate: '2024-01-01T00:00:00',
						endDate: '2024-12-31T23:59:59',
						sort: 'email:desc',
						id: 's1',
					},
					auth,
				},
			],
			7,
		],
		[
			'enrollment getAll of a student',
			{
				resource: 'alpaclassEnrollment',
				operation: 'getAll',
				teamId: byId(SCHOOL.id),
				studentId: STUDENT.id,
				limit: 2,
			},
			[
				{
					method: 'GET',
					path: `${TEAMS}/${SCHOOL.id}/students/${STUDENT.id}/enrollments`,
					query: { itemsPerPage: '2' },
					auth,
				},
			],
			2,
		],
		[
			'delivery get',
			{ resource: 'alpaclassDelivery', operation: 'get', teamId: byId('abcdef'), deliveryId: '2' },
			[{ method: 'GET', path: `${TEAMS}/abcdef/deliveries/2`, query: {}, auth }],
			[expect.objectContaining({ id: '2', name: 'Entregando Cursos Avançado', endsAfter: 90 })],
		],
		[
			'delivery getAll',
			{ resource: 'alpaclassDelivery', operation: 'getAll', teamId: byId(SCHOOL.id) },
			[
				{
					method: 'GET',
					path: `${TEAMS}/${SCHOOL.id}/deliveries`,
					query: { itemsPerPage: '50' },
					auth,
				},
			],
			50,
		],
		[
			'delivery getCourses',
			{
				resource: 'alpaclassDelivery',
				operation: 'getCourses',
				teamId: byId(SCHOOL.id),
				deliveryId: '1',
				limit: 3,
			},
			[
				{
					method: 'GET',
					path: `${TEAMS}/${SCHOOL.id}/deliveries/1/courses`,
					query: { itemsPerPage: '3' },
					auth,
				},
			],
			3,
		],
	])('%s', async (_label, parameters, requests, output) => {
		const result = await api.run(parameters);
		expect(result.requests).toEqual(requests);
		if (typeof output === 'number') expect(result.items).toHaveLength(output);
		else expect(result.items).toEqual(output);
	});

	it('"Return All" follows every page, keeping the filters', async () => {
		const { items, requests } = await api.run({
			resource: 'alpaclassStudent',
			operation: 'getAll',
			teamId: byId(SCHOOL.id),
			returnAll: true,
			filters: { email: 'a@b.c' },
		});
		expect(items).toHaveLength(PAGED_TOTAL);
		expect(new Set(items.map((item) => ('id' in item ? item.id : undefined))).size).toBe(
			PAGED_TOTAL,
		);
		expect(requests.map((request) => request.query)).toEqual([
			{ email: 'a@b.c', page: '1', itemsPerPage: '100' },
			{ email: 'a@b.c', page: '2', itemsPerPage: '100' },
			{ email: 'a@b.c', page: '3', itemsPerPage: '100' },
		]);
	});

	it("holds the sample's school, its student and the student's enrollment in the sample's course", async () => {
		const schools = await api.run({ resource: 'alpaclassSchool', operation: 'getAll' });
		expect(schools.items).toContainEqual(expect.objectContaining(SCHOOL));
		const students = await api.run({
			resource: 'alpaclassStudent',
			operation: 'getAll',
			teamId: byId(SCHOOL.id),
			returnAll: true,
		});
		expect(students.items).toContainEqual(
			expect.objectContaining({ id: STUDENT.id, name: STUDENT.name, email: STUDENT.email }),
		);
		const enrollments = await api.run({
			resource: 'alpaclassEnrollment',
			operation: 'getAll',
			teamId: byId(SCHOOL.id),
			studentId: STUDENT.id,
			returnAll: true,
		});
		expect(enrollments.items).toContainEqual(
			expect.objectContaining({ course: { id: COURSE.id, name: COURSE.name } }),
		);
	});

	it.each([
		[
			'a student the school does not have',
			{ ...ENROLLMENTS, teamId: byId(SCHOOL.id), studentId: 'does-not-exist' },
			`${TEAMS}/${SCHOOL.id}/students/does-not-exist/enrollments`,
		],
		[
			"the sample's student in another school",
			{ ...ENROLLMENTS, teamId: byId('abcdef'), studentId: STUDENT.id },
			`${TEAMS}/abcdef/students/${STUDENT.id}/enrollments`,
		],
		[
			'an unknown school, its id percent-encoded in the path',
			{ ...ENROLLMENTS, teamId: byId('escola abc/1'), studentId: STUDENT.id },
			`${TEAMS}/escola%20abc%2F1/students/${STUDENT.id}/enrollments`,
		],
		[
			'an unknown delivery, its id percent-encoded in the path',
			{
				resource: 'alpaclassDelivery',
				operation: 'get',
				teamId: byId(SCHOOL.id),
				deliveryId: 'd/1',
			},
			`${TEAMS}/${SCHOOL.id}/deliveries/d%2F1`,
		],
	])(
		'%s: Eduzz answers 404 and the node says to check the ids',
		async (_label, parameters, path) => {
			await expect(api.run(parameters)).rejects.toMatchObject({
				message: expect.stringContaining('(404)'),
				description: expect.stringContaining('check the ids'),
			});
			expect(api.fake.requests.at(-1)).toMatchObject({ method: 'GET', path, status: 404 });
		},
	);

	it('a token without the scope fails with the scope to add', async () => {
		const limited = await startEduzzApi({ scopes: ['alpaclass_team_read'] });
		try {
			await expect(
				limited.run({
					resource: 'alpaclassStudent',
					operation: 'getAll',
					teamId: byId(SCHOOL.id),
				}),
			).rejects.toMatchObject({
				message: expect.stringContaining('(403)'),
				description: expect.stringContaining('alpaclass_student_read'),
			});
		} finally {
			await limited.close();
		}
	});
});
