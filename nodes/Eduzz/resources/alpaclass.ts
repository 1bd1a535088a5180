import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, paginationProperties, type EduzzOperation } from '../operation';
import { schoolParameter, shownFor, textParameter } from '../parameters';

/*
 * AlpaClass, the members area: schools (teams), their students and enrollments, and deliveries
 * (what a sale releases). https://developers.eduzz.com/reference/api/get-alpaclass-v1-producer-teams
 */

export const alpaclassResources: INodePropertyOptions[] = [
	{ name: 'AlpaClass Delivery', value: 'alpaclassDelivery' },
	{ name: 'AlpaClass Enrollment', value: 'alpaclassEnrollment' },
	{ name: 'AlpaClass School', value: 'alpaclassSchool' },
	{ name: 'AlpaClass Student', value: 'alpaclassStudent' },
];

const TEAMS = '/alpaclass/v1/producer/teams';

const schoolOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many schools',
		description: 'List your AlpaClass schools',
		method: 'GET',
		path: TEAMS,
		scopes: ['alpaclass_team_read'],
		output: 'items',
	},
];

const studentOperations: EduzzOperation[] = [
	{
		name: 'Create',
		value: 'create',
		action: 'Create a student in a school',
		description: 'Register a student in an AlpaClass school',
		method: 'POST',
		path: `${TEAMS}/:teamId/students`,
		scopes: ['alpaclass_team_write'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many students of a school',
		description:
			'List the students of an AlpaClass school, filtered by e-mail, document, registration date…',
		method: 'GET',
		path: `${TEAMS}/:teamId/students`,
		scopes: ['alpaclass_student_read'],
		output: 'items',
	},
];

const enrollmentOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get the enrollments of a student',
		description:
			"List a student's enrollments in a school, with each course's progress and certificate",
		method: 'GET',
		path: `${TEAMS}/:teamId/students/:studentId/enrollments`,
		scopes: ['alpaclass_student_read'],
		output: 'items',
	},
];

const deliveryOperations: EduzzOperation[] = [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a delivery',
		description: 'Get a delivery of a school: the product it comes from and what it releases',
		method: 'GET',
		path: `${TEAMS}/:teamId/deliveries/:deliveryId`,
		scopes: ['alpaclass_delivery_read'],
		output: 'object',
	},
	{
		name: 'Get Courses',
		value: 'getCourses',
		action: 'Get the courses of a delivery',
		description: 'List the courses a delivery releases',
		method: 'GET',
		path: `${TEAMS}/:teamId/deliveries/:deliveryId/courses`,
		scopes: ['alpaclass_delivery_read'],
		output: 'items',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many deliveries of a school',
		description: 'List the deliveries of a school',
		method: 'GET',
		path: `${TEAMS}/:teamId/deliveries`,
		scopes: ['alpaclass_delivery_read'],
		output: 'items',
	},
];

/** `sort` as Eduzz takes it: `field:asc|desc`, several separated by commas. */
function sortOption(example: string): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'string',
		default: '',
		placeholder: `e.g. ${example}`,
		description: 'Fields to sort by as field:asc or field:desc, separated by commas',
		routing: { send: { type: 'query', property: 'sort' } },
	};
}

function queryOption(
	displayName: string,
	name: string,
	type: 'string' | 'dateTime' | 'boolean',
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type,
		default: type === 'boolean' ? false : '',
		description,
		routing: { send: { type: 'query', property: name } },
	};
}

export const alpaclassProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alpaclassSchool'] } },
		options: schoolOperations.map(operationOption),
		default: 'getAll',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['alpaclassSchool'], operation: ['getAll'] } },
		options: [sortOption('name:asc')],
	},

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alpaclassStudent'] } },
		options: studentOperations.map(operationOption),
		default: 'getAll',
	},
	shownFor(schoolParameter, 'alpaclassStudent', ['create', 'getAll']),
	{
		...textParameter('Name', 'name', 'alpaclassStudent', ['create'], "The student's name"),
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		...textParameter(
			'Email',
			'email',
			'alpaclassStudent',
			['create'],
			"The student's e-mail address; AlpaClass sends the access to it",
			'e.g. nathan@example.com',
		),
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['alpaclassStudent'], operation: ['create'] } },
		options: [
			{
				displayName: 'Document',
				name: 'document',
				type: 'string',
				default: '',
				description: 'Document number, usually a CPF',
				routing: { send: { type: 'body', property: 'document' } },
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. 11999999999',
				routing: { send: { type: 'body', property: 'phone' } },
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, turma-2026',
				description: 'Tags for the student, separated by commas',
				routing: {
					send: {
						type: 'body',
						property: 'tags',
						value: '={{ $value.split(",").map((tag) => tag.trim()).filter((tag) => tag !== "") }}',
					},
				},
			},
		],
	},
	...paginationProperties('alpaclassStudent', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['alpaclassStudent'], operation: ['getAll'] } },
		options: [
			queryOption('Document', 'document', 'string', 'Only the student with this document number'),
			queryOption('Email', 'email', 'string', 'Only the student with this e-mail address'),
			queryOption(
				'Frozen',
				'isFrozen',
				'boolean',
				'Whether to list only frozen students (or only active ones)',
			),
			queryOption(
				'Registered After',
				'startDate',
				'dateTime',
				'Only students registered from this date on',
			),
			queryOption(
				'Registered Before',
				'endDate',
				'dateTime',
				'Only students registered up to this date',
			),
			sortOption('name:asc,email:desc'),
			queryOption('Student ID', 'id', 'string', 'Only the student with this ID'),
		],
	},

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alpaclassEnrollment'] } },
		options: enrollmentOperations.map(operationOption),
		default: 'getAll',
	},
	shownFor(schoolParameter, 'alpaclassEnrollment', ['getAll']),
	textParameter(
		'Student ID',
		'studentId',
		'alpaclassEnrollment',
		['getAll'],
		'The student. From an AlpaClass trigger item: {{ $json.data.student.id }}.',
	),
	...paginationProperties('alpaclassEnrollment', 'getAll'),

	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alpaclassDelivery'] } },
		options: deliveryOperations.map(operationOption),
		default: 'get',
	},
	shownFor(schoolParameter, 'alpaclassDelivery', ['get', 'getAll', 'getCourses']),
	textParameter(
		'Delivery ID',
		'deliveryId',
		'alpaclassDelivery',
		['get', 'getCourses'],
		'The delivery',
	),
	...paginationProperties('alpaclassDelivery', 'getAll'),
	...paginationProperties('alpaclassDelivery', 'getCourses'),
];
