import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../operation';
import {
	bodyField,
	choice,
	collection,
	dateRange,
	field,
	inBody,
	inQuery,
	operationPicker,
	paginationProperties,
	textParameter,
} from '../../shared/parameters';

/*
 * HeyCamp, the community platform: communities with their spaces, members, invitations, posts and
 * comments. https://developers.eduzz.com/reference/api/get-heycamp-v1-members-community-communityId
 */

export const heycampResources: INodePropertyOptions[] = [
	{ name: 'HeyCamp Invitation', value: 'heycampInvitation' },
	{ name: 'HeyCamp Member', value: 'heycampMember' },
	{ name: 'HeyCamp Post', value: 'heycampPost' },
	{ name: 'HeyCamp Space', value: 'heycampSpace' },
];

const HEYCAMP = '/heycamp/v1';
const INVITATION = 'heycampInvitation';
const MEMBER = 'heycampMember';
const POST = 'heycampPost';
const SPACE = 'heycampSpace';

const invitationOperations: EduzzOperation[] = [
	{
		name: 'Create',
		value: 'create',
		action: 'Create a HeyCamp invitation to a community',
		description:
			'Create an invitation (convite) to a HeyCamp community for an e-mail address and get its invitation link',
		method: 'POST',
		path: `${HEYCAMP}/invitations`,
		scopes: ['heycamp_write_invitations'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many HeyCamp invitations of a community',
		description:
			'List the invitations sent for a HeyCamp community, with who invited and when each was redeemed',
		method: 'GET',
		path: `${HEYCAMP}/invitations/:communityId`,
		scopes: ['heycamp_read_invitations'],
		output: 'items',
	},
];

const memberOperations: EduzzOperation[] = [
	{
		name: 'Delete',
		value: 'delete',
		action: 'Remove a HeyCamp member from a community',
		description: 'Remove a member from a HeyCamp community',
		method: 'DELETE',
		path: `${HEYCAMP}/members/:memberId/community/:communityId`,
		scopes: ['heycamp_write_members'],
		output: 'object',
	},
	{
		name: 'Delete Many',
		value: 'deleteMany',
		action: 'Delete HeyCamp members in bulk',
		description:
			'Start the bulk deletion of members (exclusão em massa); Eduzz e-mails you when it is done',
		method: 'DELETE',
		path: `${HEYCAMP}/members/bulk`,
		scopes: ['heycamp_write_members'],
		output: 'object',
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a HeyCamp member of a community by ID',
		description: 'Get the details of a member of a HeyCamp community',
		method: 'GET',
		path: `${HEYCAMP}/members/:memberId/community/:communityId`,
		scopes: ['heycamp_read_members'],
		output: 'object',
	},
	{
		name: 'Get Commenters',
		value: 'getCommenters',
		action: 'Get the HeyCamp members who commented on posts',
		description:
			'List the members of a HeyCamp community who commented on a post, with the posts they commented on',
		method: 'GET',
		path: `${HEYCAMP}/members/community/:communityId/comments`,
		scopes: ['heycamp_read_members'],
		output: 'items',
	},
	{
		name: 'Get Likers',
		value: 'getLikers',
		action: 'Get the HeyCamp members who liked posts',
		description:
			'List the members of a HeyCamp community who liked a post, with the posts they liked',
		method: 'GET',
		path: `${HEYCAMP}/members/community/:communityId/likes`,
		scopes: ['heycamp_read_members'],
		output: 'items',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many HeyCamp members of a community',
		description: 'List the members of a HeyCamp community, filtered by status and join date',
		method: 'GET',
		path: `${HEYCAMP}/members/community/:communityId`,
		scopes: ['heycamp_read_members'],
		output: 'items',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a HeyCamp member',
		description: "Update a HeyCamp member's e-mail address and social media profiles",
		method: 'PUT',
		path: `${HEYCAMP}/members/:memberId`,
		scopes: ['heycamp_write_members'],
		output: 'object',
	},
];

const postOperations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a HeyCamp post of a community by ID',
		description:
			'Get a post (publicação) of a HeyCamp community with its content, author, space, tags and totals',
		method: 'GET',
		path: `${HEYCAMP}/posts/:postId/community/:communityId`,
		scopes: ['heycamp_read_posts'],
		// Eduzz answers the post inside an array.
		output: 'items',
	},
	{
		name: 'Get Comment Total',
		value: 'getCommentTotal',
		action: "Get a HeyCamp community's total of comments",
		description: 'Get how many comments were made in a HeyCamp community',
		method: 'GET',
		path: `${HEYCAMP}/posts/community/:communityId/total/comments`,
		scopes: ['heycamp_read_posts'],
		output: 'object',
	},
	{
		name: 'Get Comments',
		value: 'getComments',
		action: 'Get a HeyCamp post with its comments',
		description: 'Get a post of a HeyCamp community with its comments and replies',
		method: 'GET',
		path: `${HEYCAMP}/comments/on-post/:postId/community/:communityId`,
		scopes: ['heycamp_read_comments'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many HeyCamp posts of a community',
		description: 'List the posts of a HeyCamp community with their author, space, tags and totals',
		method: 'GET',
		path: `${HEYCAMP}/posts/community/:communityId`,
		scopes: ['heycamp_read_posts'],
		output: 'items',
	},
	{
		name: 'Get Most Commented',
		value: 'getMostCommented',
		action: 'Get the most commented HeyCamp posts',
		description: 'List the 5 most commented posts of a HeyCamp community',
		method: 'GET',
		path: `${HEYCAMP}/posts/community/:communityId/top/commented`,
		scopes: ['heycamp_read_posts'],
		output: 'items',
	},
	{
		name: 'Get Most Liked',
		value: 'getMostLiked',
		action: 'Get the most liked HeyCamp posts',
		description: 'List the 5 most liked posts of a HeyCamp community',
		method: 'GET',
		path: `${HEYCAMP}/posts/community/:communityId/top/liked`,
		scopes: ['heycamp_read_posts'],
		output: 'items',
	},
];

const spaceOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many HeyCamp spaces of a community',
		description: 'List the spaces (espaços) of a HeyCamp community and whether each is private',
		method: 'GET',
		path: `${HEYCAMP}/spaces/community/:communityId`,
		scopes: ['heycamp_read_spaces'],
		output: 'items',
	},
];

/** The community every HeyCamp operation but two works in. */
function communityParameter(resource: string, operations: string[]): INodeProperties {
	return textParameter(
		'Community ID',
		'communityId',
		resource,
		operations,
		"The HeyCamp community's ID (comunidade)",
		'e.g. 1030',
	);
}

/** A HeyCamp id as Eduzz's body takes it: a number when it is one. */
const AS_NUMBER =
	'={{ /^\\d+$/.test(String($value).trim()) ? Number(String($value).trim()) : $value }}';

/** A social media profile of a member, sent inside `socialMedias`. */
function socialMediaOption(displayName: string, name: string, example: string): INodeProperties {
	const description = `URL of the member's ${displayName} profile`;
	const profile = field(displayName, name, 'string', description, {
		placeholder: `e.g. ${example}`,
	});
	return inBody(profile, `socialMedias.${name}`);
}

export const heycampProperties: INodeProperties[] = [
	operationPicker(INVITATION, invitationOperations.map(operationOption), 'create'),
	inBody(communityParameter(INVITATION, ['create']), 'communityId', AS_NUMBER),
	communityParameter(INVITATION, ['getAll']),
	inBody(
		textParameter(
			'Email',
			'email',
			INVITATION,
			['create'],
			'E-mail address of the person to invite',
			'e.g. nathan@example.com',
		),
	),
	collection('additionalFields', INVITATION, 'create', [
		inBody(
			field(
				'Space ID',
				'spaceId',
				'string',
				'The space (espaço) of the community to invite into; HeyCamp Space → Get Many lists them',
				{ placeholder: 'e.g. 18952' },
			),
			'spaceId',
			AS_NUMBER,
		),
	]),
	...paginationProperties(INVITATION, 'getAll'),

	operationPicker(MEMBER, memberOperations.map(operationOption), 'getAll'),
	{
		displayName:
			'Eduzz documents no way to choose the members for this operation: the request carries no parameters and no body. Eduzz answers that the deletion has started and e-mails you when it ends.',
		name: 'deleteManyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [MEMBER], operation: ['deleteMany'] } },
	},
	textParameter(
		'Member ID',
		'memberId',
		MEMBER,
		['delete', 'get', 'update'],
		'The HeyCamp member\'s ID (membro); "Get many HeyCamp members of a community" lists them',
		'e.g. 3843',
	),
	communityParameter(MEMBER, ['delete', 'get', 'getAll', 'getCommenters', 'getLikers']),
	collection('updateFields', MEMBER, 'update', [
		bodyField('Email', 'email', 'string', "The member's new e-mail address", {
			placeholder: 'name@email.com',
		}),
		socialMediaOption('Facebook', 'facebook', 'https://www.facebook.com/profile'),
		socialMediaOption('Instagram', 'instagram', 'https://www.instagram.com/profile'),
		socialMediaOption('LinkedIn', 'linkedin', 'https://www.linkedin.com/in/profile'),
		socialMediaOption('X', 'x', 'https://x.com/profile'),
	]),
	...paginationProperties(MEMBER, 'getAll'),
	...paginationProperties(MEMBER, 'getCommenters'),
	...paginationProperties(MEMBER, 'getLikers'),
	collection('filters', MEMBER, 'getAll', [
		...dateRange('members who joined (accepted their invitation)', [
			'Joined After',
			'Joined Before',
		]),
		inQuery(
			choice('Status', 'status', 'Only active members, or only deleted ones', 'active', [
				{ name: 'Active', value: 'active' },
				{ name: 'Deleted', value: 'deleted' },
			]),
		),
	]),

	operationPicker(POST, postOperations.map(operationOption), 'getAll'),
	communityParameter(POST, [
		'get',
		'getAll',
		'getCommentTotal',
		'getComments',
		'getMostCommented',
		'getMostLiked',
	]),
	textParameter(
		'Post ID',
		'postId',
		POST,
		['get', 'getComments'],
		'The ID of the community\'s post (publicação); "Get many HeyCamp posts of a community" lists them',
		'e.g. 1598',
	),
	...paginationProperties(POST, 'getAll'),

	operationPicker(SPACE, spaceOperations.map(operationOption), 'getAll'),
	communityParameter(SPACE, ['getAll']),
	...paginationProperties(SPACE, 'getAll'),
];
