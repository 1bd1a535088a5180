/** The exact requests of the Eduzz node's HeyCamp operations, against the fake Eduzz. */
import { startEduzzApi, AUTH } from '../../support/eduzzNode';
import { PAGED_TOTAL } from '../../../tooling/eduzzPublicApi';

type Api = Awaited<ReturnType<typeof startEduzzApi>>;

const HEYCAMP = '/heycamp/v1';
const auth = AUTH;

describe('Eduzz node: HeyCamp', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startEduzzApi();
	});
	afterAll(() => api.close());

	it.each([
		[
			'invitation create with a space, ids sent as numbers',
			{
				resource: 'heycampInvitation',
				operation: 'create',
				communityId: ' 1030 ',
				email: 'futuro.membro@example.com',
				additionalFields: { spaceId: '18952' },
			},
			[
				{
					method: 'POST',
					path: `${HEYCAMP}/invitations`,
					query: {},
					body: { communityId: 1030, email: 'futuro.membro@example.com', spaceId: 18952 },
					auth,
				},
			],
			[
				{
					invitations: [
						{
							id: 4273,
							invitationUrl:
								'http://teste.localhost/invitations/152d64c3-68cb-439e-bd07-840c341e928d',
						},
					],
				},
			],
		],
		[
			'invitation create without a space',
			{
				resource: 'heycampInvitation',
				operation: 'create',
				communityId: '1030',
				email: 'a@example.com',
			},
			[
				{
					method: 'POST',
					path: `${HEYCAMP}/invitations`,
					query: {},
					body: { communityId: 1030, email: 'a@example.com' },
					auth,
				},
			],
			1,
		],
		[
			'invitation getAll with a limit',
			{ resource: 'heycampInvitation', operation: 'getAll', communityId: 'c/1', limit: 3 },
			[{ method: 'GET', path: `${HEYCAMP}/invitations/c%2F1`, query: { itemsPerPage: '3' }, auth }],
			3,
		],
		[
			'member delete',
			{ resource: 'heycampMember', operation: 'delete', memberId: '3843', communityId: '1030' },
			[{ method: 'DELETE', path: `${HEYCAMP}/members/3843/community/1030`, query: {}, auth }],
			[{ message: 'Member was deleted' }],
		],
		[
			'member deleteMany sends nothing',
			{ resource: 'heycampMember', operation: 'deleteMany' },
			[{ method: 'DELETE', path: `${HEYCAMP}/members/bulk`, query: {}, auth }],
			[
				{
					message: 'The member deletion process has been initiated, you will be notified by email',
				},
			],
		],
		[
			'member get',
			{ resource: 'heycampMember', operation: 'get', memberId: '3844', communityId: '1030' },
			[{ method: 'GET', path: `${HEYCAMP}/members/3844/community/1030`, query: {}, auth }],
			[
				{
					id: 3844,
					email: 'teste2@test.com',
					name: 'Teste 2',
					createdAt: '2024-10-21T17:10:54.000Z',
				},
			],
		],
		[
			'member getAll with every filter and a limit',
			{
				resource: 'heycampMember',
				operation: 'getAll',
				communityId: '1030',
				limit: 7,
				filters: {
					startDate: '2024-01-01T00:00:00',
					endDate: '2024-12-31T23:59:59',
					status: 'deleted',
				},
			},
			[
				{
					method: 'GET',
					path: `${HEYCAMP}/members/community/1030`,
					query: {
						itemsPerPage: '7',
						startDate: '2024-01-01T00:00:00',
						endDate: '2024-12-31T23:59:59',
						status: 'deleted',
					},
					auth,
				},
			],
			7,
		],
		[
			'member getCommenters',
			{ resource: 'heycampMember', operation: 'getCommenters', communityId: '1030', limit: 2 },
			[
				{
					method: 'GET',
					path: `${HEYCAMP}/members/community/1030/comments`,
					query: { itemsPerPage: '2' },
					auth,
				},
			],
			[
				{
					id: 3843,
					name: 'Teste',
					email: 'teste@test.com',
					posts: [{ id: 3843, title: 'Post 1' }],
				},
				{
					id: 3844,
					name: 'Teste 2',
					email: 'teste2@test.com',
					posts: [
						{ id: 3844, title: 'Post 2' },
						{ id: 3845, title: 'Post 3' },
					],
				},
			],
		],
		[
			'member getLikers',
			{ resource: 'heycampMember', operation: 'getLikers', communityId: '1030' },
			[
				{
					method: 'GET',
					path: `${HEYCAMP}/members/community/1030/likes`,
					query: { itemsPerPage: '50' },
					auth,
				},
			],
			50,
		],
		[
			'member update with every field',
			{
				resource: 'heycampMember',
				operation: 'update',
				memberId: '3843',
				updateFields: {
					email: 'novo@example.com',
					facebook: 'https://www.facebook.com/fulano',
					instagram: 'https://www.instagram.com/fulano',
					linkedin: 'https://www.linkedin.com/in/fulano',
					x: 'https://x.com/fulano',
				},
			},
			[
				{
					method: 'PUT',
					path: `${HEYCAMP}/members/3843`,
					query: {},
					body: {
						email: 'novo@example.com',
						socialMedias: {
							facebook: 'https://www.facebook.com/fulano',
							instagram: 'https://www.instagram.com/fulano',
							linkedin: 'https://www.linkedin.com/in/fulano',
							x: 'https://x.com/fulano',
						},
					},
					auth,
				},
			],
			1,
		],
		[
			'member update of one social media',
			{
				resource: 'heycampMember',
				operation: 'update',
				memberId: '3843',
				updateFields: { x: 'https://x.com/fulano' },
			},
			[
				{
					method: 'PUT',
					path: `${HEYCAMP}/members/3843`,
					query: {},
					body: { socialMedias: { x: 'https://x.com/fulano' } },
					auth,
				},
			],
			1,
		],
		[
			'post get: the post Eduzz answers in an array',
			{ resource: 'heycampPost', operation: 'get', postId: '1598', communityId: '1030' },
			[{ method: 'GET', path: `${HEYCAMP}/posts/1598/community/1030`, query: {}, auth }],
			[
				{
					id: 1598,
					title: 'Post 1',
					content: '<p>Conteúdo do post</p>',
					createdAt: '2021-08-10T15:00:00Z',
					updatedAt: '2021-08-10T15:00:00Z',
					totalComments: 1,
					totalLikes: 1,
					member: { id: 4109, email: 'teste@example.com' },
					space: { id: 4329, name: 'Espaço 1' },
					tags: ['tag1', 'tag2'],
				},
			],
		],
		[
			'post getCommentTotal',
			{ resource: 'heycampPost', operation: 'getCommentTotal', communityId: '1030' },
			[{ method: 'GET', path: `${HEYCAMP}/posts/community/1030/total/comments`, query: {}, auth }],
			[{ totalComments: 40 }],
		],
		[
			'post getComments: the post with its comments and replies',
			{ resource: 'heycampPost', operation: 'getComments', postId: '1598', communityId: '1030' },
			[
				{
					method: 'GET',
					path: `${HEYCAMP}/comments/on-post/1598/community/1030`,
					query: {},
					auth,
				},
			],
			1,
		],
		[
			'post getAll',
			{ resource: 'heycampPost', operation: 'getAll', communityId: '1030', limit: 5 },
			[
				{
					method: 'GET',
					path: `${HEYCAMP}/posts/community/1030`,
					query: { itemsPerPage: '5' },
					auth,
				},
			],
			5,
		],
		[
			'post getMostCommented',
			{ resource: 'heycampPost', operation: 'getMostCommented', communityId: '1030' },
			[{ method: 'GET', path: `${HEYCAMP}/posts/community/1030/top/commented`, query: {}, auth }],
			2,
		],
		[
			'post getMostLiked',
			{ resource: 'heycampPost', operation: 'getMostLiked', communityId: '1030' },
			[{ method: 'GET', path: `${HEYCAMP}/posts/community/1030/top/liked`, query: {}, auth }],
			2,
		],
		[
			'space getAll',
			{ resource: 'heycampSpace', operation: 'getAll', communityId: '1030', limit: 2 },
			[
				{
					method: 'GET',
					path: `${HEYCAMP}/spaces/community/1030`,
					query: { itemsPerPage: '2' },
					auth,
				},
			],
			[
				{ id: 1234, name: 'Espaço', private: false },
				{ id: 1020, name: 'Espaço NOVO', private: true },
			],
		],
	])('%s', async (_label, parameters, requests, output) => {
		const result = await api.run(parameters);
		expect(result.requests).toEqual(requests);
		if (typeof output === 'number') expect(result.items).toHaveLength(output);
		else expect(result.items).toEqual(output);
	});

	it('"Return All" follows every page, keeping the filters', async () => {
		const { items, requests } = await api.run({
			resource: 'heycampMember',
			operation: 'getAll',
			communityId: '1030',
			returnAll: true,
			filters: { status: 'active' },
		});
		expect(items).toHaveLength(PAGED_TOTAL);
		expect(new Set(items.map((item) => ('id' in item ? item.id : undefined))).size).toBe(
			PAGED_TOTAL,
		);
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(
			Array(3).fill(`GET ${HEYCAMP}/members/community/1030`),
		);
		expect(requests.map((request) => request.query)).toEqual([
			{ status: 'active', page: '1', itemsPerPage: '100' },
			{ status: 'active', page: '2', itemsPerPage: '100' },
			{ status: 'active', page: '3', itemsPerPage: '100' },
		]);
	});

	it('"Return All" without filters, for posts', async () => {
		const { items, requests } = await api.run({
			resource: 'heycampPost',
			operation: 'getAll',
			communityId: '1030',
			returnAll: true,
		});
		expect(items).toHaveLength(PAGED_TOTAL);
		expect(requests.map((request) => request.query)).toEqual(
			[1, 2, 3].map((page) => ({ page: String(page), itemsPerPage: '100' })),
		);
	});

	it.each([
		[
			'an unknown member, its id percent-encoded',
			{ resource: 'heycampMember', operation: 'get', memberId: 'm 1', communityId: '1030' },
			`${HEYCAMP}/members/m%201/community/1030`,
		],
		[
			'the comments of an unknown post',
			{ resource: 'heycampPost', operation: 'getComments', postId: 'p#1', communityId: '1030' },
			`${HEYCAMP}/comments/on-post/p%231/community/1030`,
		],
	])('%s: Eduzz answers 404', async (_label, parameters, path) => {
		await expect(api.run(parameters)).rejects.toMatchObject({
			message: expect.stringContaining('(404)'),
		});
		expect(api.fake.requests.at(-1)).toMatchObject({ method: 'GET', path, status: 404 });
	});

	it('a token without the scope fails with the scope to add', async () => {
		const limited = await startEduzzApi({ scopes: ['heycamp_read_members'] });
		try {
			await expect(
				limited.run({
					resource: 'heycampMember',
					operation: 'delete',
					memberId: '1',
					communityId: '2',
				}),
			).rejects.toMatchObject({
				message: expect.stringContaining('(403)'),
				description: expect.stringContaining('heycamp_write_members'),
			});
			expect(limited.fake.requests.map((request) => request.status)).toEqual([403]);
		} finally {
			await limited.close();
		}
	});
});
