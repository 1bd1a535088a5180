import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../operation';
import { textParameter } from '../parameters';

/*
 * SafeVideo, Eduzz's protected video hosting: the producer's medias, their embed code and the
 * domains allowed to embed them. https://developers.eduzz.com/reference/api/get-safevideo-v1-medias-id
 */

export const safevideoResources: INodePropertyOptions[] = [
	{ name: 'SafeVideo Media', value: 'safevideoMedia' },
];

const MEDIAS = '/safevideo/v1/medias';
const MEDIA = 'safevideoMedia';

/**
 * Eduzz documents one media object but its example wraps it in an array (`[{ … }]`): either way the
 * node returns the media itself.
 */
function oneMedia(body: unknown): unknown {
	return Array.isArray(body) && body.length === 1 ? (body[0] as unknown) : body;
}

const mediaOperations: EduzzOperation[] = [
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a media',
		description: 'Delete one of your SafeVideo medias',
		method: 'DELETE',
		path: `${MEDIAS}/:id`,
		pathParameters: { id: 'mediaId' },
		scopes: ['safevideo_contents_write'],
		output: 'object',
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a media',
		description: 'Get a SafeVideo media: title, status, duration, source file and encodings',
		method: 'GET',
		path: `${MEDIAS}/:id`,
		pathParameters: { id: 'mediaId' },
		scopes: ['safevideo_contents_read'],
		output: 'object',
		answer: oneMedia,
	},
	{
		name: 'Get Embed Code',
		value: 'getEmbed',
		action: 'Get the embed code of a media',
		description: 'Get the iframe code that shows a media on an external site',
		method: 'GET',
		path: `${MEDIAS}/:id/embed`,
		pathParameters: { id: 'mediaId' },
		scopes: ['safevideo_contents_read'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many medias',
		description: 'List your SafeVideo medias with their status, duration and thumbnail',
		method: 'GET',
		path: MEDIAS,
		scopes: ['safevideo_contents_read'],
		output: 'items',
	},
	{
		name: 'Remove Allowed Domains',
		value: 'removeDomains',
		action: 'Remove the allowed domains of a media',
		description: 'Remove the domains allowed to embed a media',
		method: 'DELETE',
		path: `${MEDIAS}/:id/domains`,
		pathParameters: { id: 'mediaId' },
		scopes: ['safevideo_contents_write'],
		output: 'object',
	},
	{
		name: 'Set Allowed Domains',
		value: 'setDomains',
		action: 'Set the allowed domains of a media',
		description: 'Replace the domains allowed to embed a media; answers the embed code',
		method: 'PUT',
		path: `${MEDIAS}/:id/domains`,
		pathParameters: { id: 'mediaId' },
		scopes: ['safevideo_contents_write'],
		output: 'object',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a media',
		description: 'Change the title or the description of a media',
		method: 'PUT',
		path: `${MEDIAS}/:id`,
		pathParameters: { id: 'mediaId' },
		scopes: ['safevideo_contents_write'],
		output: 'object',
	},
];

export const safevideoProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['safevideoMedia'] } },
		options: mediaOperations.map(operationOption),
		default: 'getAll',
	},
	textParameter(
		'Media ID',
		'mediaId',
		MEDIA,
		['delete', 'get', 'getEmbed', 'removeDomains', 'setDomains', 'update'],
		'The SafeVideo media: the ID the "Get Many" operation lists',
		'e.g. 6695366e04f7a37bfd00a926',
	),
	{
		...textParameter(
			'Domains',
			'domains',
			MEDIA,
			['setDomains'],
			'The addresses of the sites allowed to embed the media, separated by commas',
			'e.g. https://eduzz.com, https://example.com',
		),
		routing: {
			send: {
				type: 'body',
				property: 'domains',
				value:
					'={{ $value.split(",").map((domain) => domain.trim()).filter((domain) => domain !== "") }}',
			},
		},
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: [MEDIA], operation: ['update'] } },
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'The new description of the media',
				routing: { send: { type: 'body', property: 'description' } },
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'The new title of the media',
				routing: { send: { type: 'body', property: 'title' } },
			},
		],
	},
];
