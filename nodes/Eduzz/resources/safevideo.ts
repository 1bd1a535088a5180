import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../operation';
import {
	bodyField,
	collection,
	commaList,
	inBody,
	operationPicker,
	textParameter,
} from '../../shared/parameters';

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
		action: 'Delete a SafeVideo media',
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
		action: 'Get a SafeVideo media by ID',
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
		action: "Get a SafeVideo media's embed code",
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
		action: 'Get many SafeVideo medias',
		description: 'List your SafeVideo medias with their status, duration and thumbnail',
		method: 'GET',
		path: MEDIAS,
		scopes: ['safevideo_contents_read'],
		output: 'items',
	},
	{
		name: 'Remove Allowed Domains',
		value: 'removeDomains',
		action: "Remove a SafeVideo media's allowed domains",
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
		action: "Set a SafeVideo media's allowed domains",
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
		action: 'Update a SafeVideo media',
		description: 'Change the title or the description of a media',
		method: 'PUT',
		path: `${MEDIAS}/:id`,
		pathParameters: { id: 'mediaId' },
		scopes: ['safevideo_contents_write'],
		output: 'object',
	},
];

export const safevideoProperties: INodeProperties[] = [
	operationPicker(MEDIA, mediaOperations.map(operationOption), 'getAll'),
	textParameter(
		'Media ID',
		'mediaId',
		MEDIA,
		['delete', 'get', 'getEmbed', 'removeDomains', 'setDomains', 'update'],
		'The SafeVideo media\'s ID; "Get many SafeVideo medias" lists them',
		'e.g. 6695366e04f7a37bfd00a926',
	),
	inBody(
		textParameter(
			'Domains',
			'domains',
			MEDIA,
			['setDomains'],
			'The addresses of the sites allowed to embed the media, separated by commas',
			'e.g. https://eduzz.com, https://example.com',
		),
		'domains',
		commaList(),
	),
	collection('updateFields', MEDIA, 'update', [
		bodyField('Description', 'description', 'string', 'The new description of the media', {
			typeOptions: { rows: 3 },
		}),
		bodyField('Title', 'title', 'string', 'The new title of the media'),
	]),
];
