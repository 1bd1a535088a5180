/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: n8n Cloud's rules are for the package's nodes; the keys are Eduzz's example data */
/** The exact requests of the Eduzz node's SafeVideo operations (medias), against the fake Eduzz. */
import { startEduzzApi, AUTH } from '../../support/eduzzNode';

type Api = Awaited<ReturnType<typeof startEduzzApi>>;

const MEDIAS = '/safevideo/v1/medias';
const auth = AUTH;
/** The media of Eduzz's examples: the one SafeVideo media the stand-in holds. */
const MEDIA = '6695366e04f7a37bfd00a926';
const EMBED = {
	link: '<iframe src=https://player.safevideo.com/1cf12f12-d123-12b1-1b12-c1c123456dcg width="100%" height="100%" frameborder="0" allowfullscreen="true"></iframe>',
};

describe('Eduzz node: SafeVideo', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startEduzzApi();
	});
	afterAll(() => api.close());

	it.each([
		[
			'media getAll: the bare array, one item per media',
			{ resource: 'safevideoMedia', operation: 'getAll' },
			[{ method: 'GET', path: MEDIAS, query: {}, auth }],
			[
				{
					id: '6695366e04f7a37bfd00a926',
					key: 'b0b40529-e25d-4496-9ffc-bf54be9dcfd6',
					title: 'Teste.mp4',
					status: 'encoded',
					duration: 123,
					createdAt: '2024-05-21T00:30:33.645Z',
					updatedAt: '2024-05-21T00:57:59.498Z',
					thumbnail: 'https://domain/thumbs/b0b40529-e25d-4496-9ffc-bf54be9dcfd6.jpg',
				},
			],
		],
		[
			'media get: the media itself, not the array Eduzz wraps it in',
			{ resource: 'safevideoMedia', operation: 'get', mediaId: MEDIA },
			[{ method: 'GET', path: `${MEDIAS}/${MEDIA}`, query: {}, auth }],
			[
				expect.objectContaining({
					id: '6695366e04f7a37bfd00a926',
					title: 'Teste.mp4',
					status: 'encoded',
					duration: 123,
					description: 'teste teste',
				}),
			],
		],
		[
			'media getEmbed',
			{ resource: 'safevideoMedia', operation: 'getEmbed', mediaId: MEDIA },
			[{ method: 'GET', path: `${MEDIAS}/${MEDIA}/embed`, query: {}, auth }],
			[EMBED],
		],
		[
			'media update of title and description',
			{
				resource: 'safevideoMedia',
				operation: 'update',
				mediaId: MEDIA,
				updateFields: { title: 'Aula 1', description: 'Primeira aula' },
			},
			[
				{
					method: 'PUT',
					path: `${MEDIAS}/${MEDIA}`,
					query: {},
					body: { title: 'Aula 1', description: 'Primeira aula' },
					auth,
				},
			],
			[{ success: true }],
		],
		[
			'media delete',
			{ resource: 'safevideoMedia', operation: 'delete', mediaId: MEDIA },
			[{ method: 'DELETE', path: `${MEDIAS}/${MEDIA}`, query: {}, auth }],
			[{ success: true }],
		],
		[
			'media setDomains',
			{
				resource: 'safevideoMedia',
				operation: 'setDomains',
				mediaId: MEDIA,
				domains: 'https://eduzz.com, https://example.com,',
			},
			[
				{
					method: 'PUT',
					path: `${MEDIAS}/${MEDIA}/domains`,
					query: {},
					body: { domains: ['https://eduzz.com', 'https://example.com'] },
					auth,
				},
			],
			[EMBED],
		],
		[
			'media removeDomains',
			{ resource: 'safevideoMedia', operation: 'removeDomains', mediaId: MEDIA },
			[{ method: 'DELETE', path: `${MEDIAS}/${MEDIA}/domains`, query: {}, auth }],
			[{ success: true }],
		],
	])('%s', async (_label, parameters, requests, output) => {
		const result = await api.run(parameters);
		expect(result.requests).toEqual(requests);
		if (typeof output === 'number') expect(result.items).toHaveLength(output);
		else expect(result.items).toEqual(output);
	});

	it.each([
		[
			'get',
			{ resource: 'safevideoMedia', operation: 'get', mediaId: 'media 1/a' },
			{ method: 'GET', path: `${MEDIAS}/media%201%2Fa` },
		],
		[
			'delete',
			{ resource: 'safevideoMedia', operation: 'delete', mediaId: 'm/1' },
			{ method: 'DELETE', path: `${MEDIAS}/m%2F1` },
		],
	])(
		"media %s of an unknown id: Eduzz answers 404 with SafeVideo's error",
		async (_label, parameters, request) => {
			await expect(api.run(parameters)).rejects.toMatchObject({
				message: expect.stringContaining('(404): Media not found'),
			});
			expect(api.fake.requests.at(-1)).toMatchObject({ ...request, status: 404 });
		},
	);

	it('a token without the scope fails with the scope to add', async () => {
		const limited = await startEduzzApi({ scopes: ['safevideo_contents_read'] });
		try {
			await expect(
				limited.run({ resource: 'safevideoMedia', operation: 'delete', mediaId: 'm1' }),
			).rejects.toMatchObject({
				message: expect.stringContaining('(403)'),
				description: expect.stringContaining('safevideo_contents_write'),
			});
		} finally {
			await limited.close();
		}
	});
});
