import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../operation';
import {
	bodyField,
	collection,
	courseParameter,
	field,
	inBody,
	operationPicker,
	paginationProperties,
	queryField,
	required,
	shownFor,
	textParameter,
} from '../../shared/parameters';

/*
 * Nutror, Eduzz's members area: students (alunos) and their enrollments (matrículas), courses and
 * their modules, and the comments students leave on lessons with the producer's answers.
 * https://developers.eduzz.com/reference/api/get-nutror-v1-students
 */

export const nutrorResources: INodePropertyOptions[] = [
	{ name: 'Nutror Comment', value: 'nutrorComment' },
	{ name: 'Nutror Comment Answer', value: 'nutrorCommentAnswer' },
	{ name: 'Nutror Course', value: 'nutrorCourse' },
	{ name: 'Nutror Enrollment', value: 'nutrorEnrollment' },
	{ name: 'Nutror Module', value: 'nutrorModule' },
	{ name: 'Nutror Student', value: 'nutrorStudent' },
];

const NUTROR = '/nutror/v1';
const COMMENT = 'nutrorComment';
const ANSWER = 'nutrorCommentAnswer';
const COURSE = 'nutrorCourse';
const ENROLLMENT = 'nutrorEnrollment';
const MODULE = 'nutrorModule';
const STUDENT = 'nutrorStudent';

const commentOperations: EduzzOperation[] = [
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a Nutror comment',
		description: 'Delete a comment a student left on a lesson',
		method: 'DELETE',
		path: `${NUTROR}/comments/:id`,
		pathParameters: { id: 'commentId' },
		scopes: ['nutror_comments_write'],
		output: 'object',
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a Nutror comment by ID',
		description:
			'Get a comment on a lesson: its text, author, status and whether it was read or answered',
		method: 'GET',
		path: `${NUTROR}/comments/:id`,
		pathParameters: { id: 'commentId' },
		scopes: ['nutror_comments_read'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many Nutror comments',
		description: 'List the comments students left on the lessons of your courses',
		method: 'GET',
		path: `${NUTROR}/comments`,
		scopes: ['nutror_comments_read'],
		output: 'items',
	},
	{
		name: 'Update',
		value: 'update',
		action: "Update a Nutror comment's state",
		description: 'Approve, pin, favorite or mark as read a comment on a lesson',
		method: 'PATCH',
		path: `${NUTROR}/comments/:id`,
		pathParameters: { id: 'commentId' },
		scopes: ['nutror_comments_write'],
		output: 'object',
	},
];

const answerOperations: EduzzOperation[] = [
	{
		name: 'Create',
		value: 'create',
		action: 'Answer a Nutror comment',
		description: "Post an answer (resposta) to a student's comment on a lesson",
		method: 'POST',
		path: `${NUTROR}/comments/:id/answers`,
		pathParameters: { id: 'commentId' },
		scopes: ['nutror_comments_write'],
		output: 'object',
	},
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a Nutror answer to a comment',
		description: 'Delete an answer (resposta) given to a comment on a lesson',
		method: 'DELETE',
		path: `${NUTROR}/answers/:id`,
		pathParameters: { id: 'answerId' },
		scopes: ['nutror_comments_write'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many Nutror answers to a comment',
		description: 'List the answers (respostas) given to a comment on a lesson',
		method: 'GET',
		path: `${NUTROR}/comments/:id/answers`,
		pathParameters: { id: 'commentId' },
		scopes: ['nutror_comments_read'],
		output: 'items',
	},
];

const courseOperations: EduzzOperation[] = [
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a Nutror course',
		description: 'Delete a Nutror course',
		method: 'DELETE',
		path: `${NUTROR}/courses/:courseId`,
		scopes: ['nutror_courses_write'],
		output: 'object',
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a Nutror course by ID',
		description: 'Get a Nutror course with its settings and customization',
		method: 'GET',
		path: `${NUTROR}/courses/:courseId`,
		scopes: ['nutror_courses_read'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many Nutror courses',
		description:
			'List your Nutror courses with their category and the MyEduzz product they belong to',
		method: 'GET',
		path: `${NUTROR}/courses`,
		scopes: ['nutror_courses_read'],
		output: 'items',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a Nutror course',
		description:
			"Change a course's basic information: title, description, author and whether it is published",
		method: 'PUT',
		path: `${NUTROR}/courses/:courseId`,
		scopes: ['nutror_courses_write'],
		output: 'object',
	},
	{
		name: 'Update Advanced Settings',
		value: 'updateAdvanced',
		action: "Update a Nutror course's advanced settings",
		description:
			"Change a course's advanced settings: access days, release date, certificate, pixels, support and secretary",
		method: 'PUT',
		path: `${NUTROR}/courses/:courseId/advanced`,
		scopes: ['nutror_courses_write'],
		output: 'object',
	},
	{
		name: 'Update Customization',
		value: 'updateCustomization',
		action: "Update a Nutror course's customization",
		description:
			"Change a course's images: background and the default images of its modules and lessons",
		method: 'PUT',
		path: `${NUTROR}/courses/:courseId/customization`,
		scopes: ['nutror_courses_write'],
		output: 'object',
	},
];

const enrollmentOperations: EduzzOperation[] = [
	{
		name: 'Block',
		value: 'block',
		action: 'Block a Nutror enrollment',
		description:
			"Block a student's enrollment (matrícula) so the student loses access to the course",
		method: 'PUT',
		path: `${NUTROR}/enrollments/:id/block`,
		pathParameters: { id: 'enrollmentId' },
		scopes: ['nutror_my_students_write'],
		output: 'object',
	},
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a Nutror enrollment',
		description: 'Remove a student from a course by deleting the enrollment (matrícula)',
		method: 'DELETE',
		path: `${NUTROR}/enrollments/:id`,
		pathParameters: { id: 'enrollmentId' },
		scopes: ['nutror_my_students_write'],
		output: 'object',
	},
	{
		name: 'Extend Access',
		value: 'extendAccess',
		action: "Extend a Nutror enrollment's access",
		description: 'Extend the access of an enrollment (matrícula) up to a new expiry date',
		method: 'PUT',
		path: `${NUTROR}/enrollments/:id/extend-access`,
		pathParameters: { id: 'enrollmentId' },
		scopes: ['nutror_my_students_write'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: "Get a Nutror student's enrollments",
		description:
			"List a student's enrollments (matrículas) with the courses each one gives access to",
		method: 'GET',
		path: `${NUTROR}/students/:id/enrollments`,
		pathParameters: { id: 'studentId' },
		scopes: ['nutror_my_students_read'],
		output: 'items',
	},
	{
		name: 'Release Modules',
		value: 'releaseModules',
		action: 'Release all modules of a Nutror enrollment',
		description:
			'Release every module of the course to an enrolled student at once, without waiting for the drip schedule',
		method: 'PUT',
		path: `${NUTROR}/enrollments/:id/release-modules`,
		pathParameters: { id: 'enrollmentId' },
		scopes: ['nutror_my_students_write'],
		output: 'object',
	},
];

const moduleOperations: EduzzOperation[] = [
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a Nutror module',
		description: 'Delete a module of a Nutror course',
		method: 'DELETE',
		path: `${NUTROR}/courses/:courseId/modules/:moduleId`,
		scopes: ['nutror_courses_write'],
		output: 'object',
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a Nutror module by ID',
		description: 'Get a module of a Nutror course with its release settings',
		method: 'GET',
		path: `${NUTROR}/courses/:courseId/modules/:moduleId`,
		scopes: ['nutror_courses_read'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many Nutror modules of a course',
		description: 'List the modules of a Nutror course',
		method: 'GET',
		path: `${NUTROR}/courses/:courseId/modules`,
		scopes: ['nutror_courses_read'],
		output: 'items',
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a Nutror module',
		description:
			"Change a module's title, order, release settings, draft state or whether it is free",
		method: 'PUT',
		path: `${NUTROR}/courses/:courseId/modules/:moduleId`,
		scopes: ['nutror_courses_write'],
		output: 'object',
	},
];

const studentOperations: EduzzOperation[] = [
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a Nutror student',
		description: 'Delete a student (aluno) from your Nutror students',
		method: 'DELETE',
		path: `${NUTROR}/students/:id`,
		pathParameters: { id: 'studentId' },
		scopes: ['nutror_my_students_write'],
		output: 'object',
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a Nutror student by ID',
		description: "Get a student's profile: name, e-mail and avatar",
		method: 'GET',
		path: `${NUTROR}/students/:id`,
		pathParameters: { id: 'studentId' },
		scopes: ['nutror_my_students_read'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many Nutror students',
		description: 'List your Nutror students (alunos), or find one by e-mail or ID',
		method: 'GET',
		path: `${NUTROR}/students`,
		scopes: ['nutror_my_students_read'],
		output: 'items',
	},
];

/** A date sent as YYYY-MM-DD, as in Eduzz's examples. */
function dayField(displayName: string, description: string): INodeProperties {
	const day = '={{ String($value).slice(0, 10) }}';
	return inBody(field(displayName, 'releaseDate', 'dateTime', description), 'releaseDate', day);
}

const IMAGE_URL = { placeholder: 'e.g. https://example.com/image.jpg' };
const NOT_NEGATIVE = { typeOptions: { minValue: 0 } };

const commentIdDescription =
	'The ID of a comment on a lesson. From a Nutror comment event: {{ $json.data.comment.id }}; "Get many Nutror comments" lists them.';
const studentIdDescription =
	'The Nutror student\'s ID; "Get many Nutror students" finds it by e-mail';
const enrollmentIdDescription =
	'The ID of the student\'s enrollment (matrícula); "Get a Nutror student\'s enrollments" lists them';

export const nutrorProperties: INodeProperties[] = [
	// ---- Comments -------------------------------------------------------------------------------
	operationPicker(COMMENT, commentOperations.map(operationOption), 'getAll'),
	textParameter(
		'Comment ID',
		'commentId',
		COMMENT,
		['delete', 'get', 'update'],
		commentIdDescription,
	),
	collection('updateFields', COMMENT, 'update', [
		bodyField(
			'Approved',
			'isApproved',
			'boolean',
			'Whether the comment is approved and shown to the other students (or back in moderation)',
		),
		bodyField('Favorite', 'isFavorite', 'boolean', 'Whether the comment is among your favorites'),
		bodyField(
			'Fixed (Pinned)',
			'isFixed',
			'boolean',
			'Whether the comment is pinned at the top of the lesson',
		),
		bodyField('Read', 'isRead', 'boolean', 'Whether the comment is marked as read'),
	]),
	...paginationProperties(COMMENT, 'getAll'),

	// ---- Comment answers ------------------------------------------------------------------------
	operationPicker(ANSWER, answerOperations.map(operationOption), 'create'),
	textParameter('Comment ID', 'commentId', ANSWER, ['create', 'getAll'], commentIdDescription),
	textParameter(
		'Answer ID',
		'answerId',
		ANSWER,
		['delete'],
		'The ID of the answer (resposta) to a comment; "Get many Nutror answers to a comment" lists them',
	),
	inBody({
		...textParameter(
			'Text',
			'text',
			ANSWER,
			['create'],
			'The answer the student will read under the comment',
		),
		typeOptions: { rows: 4 },
	}),
	...paginationProperties(ANSWER, 'getAll'),

	// ---- Courses --------------------------------------------------------------------------------
	operationPicker(COURSE, courseOperations.map(operationOption), 'getAll'),
	shownFor(courseParameter, COURSE, [
		'delete',
		'get',
		'update',
		'updateAdvanced',
		'updateCustomization',
	]),
	collection('updateFields', COURSE, 'update', [
		bodyField('Author ID', 'authorId', 'number', 'The ID of the author shown on the course'),
		bodyField('Description', 'description', 'string', "The course's description", {
			typeOptions: { rows: 4 },
		}),
		bodyField(
			'Published',
			'published',
			'boolean',
			'Whether the course is published to its students',
		),
		bodyField('Title', 'title', 'string', "The course's title"),
	]),
	collection('updateFields', COURSE, 'updateAdvanced', [
		bodyField(
			'Access Days',
			'daysAvailable',
			'number',
			'For how many days after enrolling a student has access to the course',
			NOT_NEGATIVE,
		),
		bodyField(
			'Allow Multiple Access',
			'allowMultipleAccess',
			'boolean',
			"Whether a student's account may be used in several sessions at the same time",
		),
		bodyField(
			'Certificate Progress',
			'certificateProgress',
			'number',
			'The progress, in percent, a student needs to get the certificate',
			{ typeOptions: { minValue: 0, maxValue: 100 } },
		),
		bodyField(
			'Duration',
			'duration',
			'number',
			"The course's duration (workload) as Nutror shows it, e.g. 2400",
			NOT_NEGATIVE,
		),
		bodyField(
			'Facebook Pixel',
			'pixelFacebook',
			'string',
			'The Facebook pixel ID for the course pages',
			{ placeholder: 'e.g. 123456789' },
		),
		bodyField(
			'Google Analytics ID',
			'pixelGoogleAnalytics',
			'string',
			'The Google Analytics ID for the course pages',
			{ placeholder: 'e.g. UA-123456789' },
		),
		dayField('Release Date', 'The date the course opens to its students (sent as YYYY-MM-DD)'),
		bodyField(
			'Secretary (Secretaria) Enabled',
			'secretaryStatus',
			'boolean',
			"Whether the course's secretary (secretaria) is enabled",
		),
		bodyField(
			'Secretary (Secretaria) URL',
			'secretaryUrl',
			'string',
			"The address of the course's secretary (secretaria)",
			{ placeholder: 'e.g. https://www.example.com' },
		),
		bodyField(
			'Show Progress Bar',
			'progressBar',
			'boolean',
			'Whether students see their progress bar in the course',
		),
		bodyField(
			'Support URL',
			'supportExternalUrl',
			'string',
			'An external page where students get support',
			{ placeholder: 'e.g. https://help.example.com' },
		),
	]),
	collection('updateFields', COURSE, 'updateCustomization', [
		bodyField(
			'Background Image URL',
			'background',
			'string',
			"The address of the course's background (card) image",
			IMAGE_URL,
		),
		bodyField(
			'Default Lesson Image URL',
			'lessonsDefaultImage',
			'string',
			'The address of the image lessons without their own image show',
			IMAGE_URL,
		),
		bodyField(
			'Default Module Image URL',
			'modulesDefaultImage',
			'string',
			'The address of the image modules without their own image show',
			IMAGE_URL,
		),
	]),

	// ---- Enrollments ----------------------------------------------------------------------------
	operationPicker(ENROLLMENT, enrollmentOperations.map(operationOption), 'getAll'),
	textParameter(
		'Enrollment ID',
		'enrollmentId',
		ENROLLMENT,
		['block', 'delete', 'extendAccess', 'releaseModules'],
		enrollmentIdDescription,
	),
	textParameter('Student ID', 'studentId', ENROLLMENT, ['getAll'], studentIdDescription),
	inBody(
		required(
			field(
				'New Expiry Date',
				'expiredAt',
				'dateTime',
				'Until when the student keeps access to the course (a date and time, ISO 8601)',
			),
			ENROLLMENT,
			['extendAccess'],
		),
	),
	...paginationProperties(ENROLLMENT, 'getAll'),

	// ---- Modules --------------------------------------------------------------------------------
	operationPicker(MODULE, moduleOperations.map(operationOption), 'getAll'),
	shownFor(courseParameter, MODULE, ['delete', 'get', 'getAll', 'update']),
	textParameter(
		'Module ID',
		'moduleId',
		MODULE,
		['delete', 'get', 'update'],
		'The ID of the course\'s module; "Get many Nutror modules of a course" lists them',
	),
	collection('updateFields', MODULE, 'update', [
		bodyField(
			'Available Days',
			'availableDays',
			'number',
			'For how many days the module stays available',
			NOT_NEGATIVE,
		),
		bodyField(
			'Days Locked',
			'daysLocked',
			'number',
			'How many days after enrolling the module unlocks for a student (drip content)',
			NOT_NEGATIVE,
		),
		bodyField('Draft', 'isDraft', 'boolean', 'Whether the module is a draft, hidden from students'),
		bodyField('Free', 'isFree', 'boolean', 'Whether the module is free to watch'),
		bodyField(
			'Position',
			'sequence',
			'number',
			"The module's position in the course, from 0",
			NOT_NEGATIVE,
		),
		dayField('Release Date', 'The date the module opens to students (sent as YYYY-MM-DD)'),
		bodyField('Title', 'title', 'string', "The module's title"),
	]),

	// ---- Students -------------------------------------------------------------------------------
	operationPicker(STUDENT, studentOperations.map(operationOption), 'getAll'),
	textParameter('Student ID', 'studentId', STUDENT, ['delete', 'get'], studentIdDescription),
	...paginationProperties(STUDENT, 'getAll'),
	collection('filters', STUDENT, 'getAll', [
		queryField('Email', 'email', 'string', 'Only the student with this e-mail address', {
			placeholder: 'name@email.com',
		}),
		queryField('Student ID', 'id', 'string', 'Only the student with this ID'),
	]),
];
