import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { operationOption, type EduzzOperation } from '../operation';
import {
	bodyField,
	collection,
	commaList,
	dateRange,
	field,
	inBody,
	operationPicker,
	paginationProperties,
	queryField,
	schoolParameter,
	shownFor,
	textParameter,
} from '../../shared/parameters';

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
const SCHOOL = 'alpaclassSchool';
const STUDENT = 'alpaclassStudent';
const ENROLLMENT = 'alpaclassEnrollment';
const DELIVERY = 'alpaclassDelivery';

const schoolOperations: EduzzOperation[] = [
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many AlpaClass schools',
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
		action: 'Create an AlpaClass student in a school',
		description: 'Register a student in an AlpaClass school',
		method: 'POST',
		path: `${TEAMS}/:teamId/students`,
		scopes: ['alpaclass_team_write'],
		output: 'object',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many AlpaClass students of a school',
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
		action: "Get an AlpaClass student's enrollments in a school",
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
		action: 'Get an AlpaClass delivery of a school by ID',
		description: 'Get a delivery of a school: the product it comes from and what it releases',
		method: 'GET',
		path: `${TEAMS}/:teamId/deliveries/:deliveryId`,
		scopes: ['alpaclass_delivery_read'],
		output: 'object',
	},
	{
		name: 'Get Courses',
		value: 'getCourses',
		action: 'Get the courses an AlpaClass delivery releases',
		description: 'List the courses a delivery releases',
		method: 'GET',
		path: `${TEAMS}/:teamId/deliveries/:deliveryId/courses`,
		scopes: ['alpaclass_delivery_read'],
		output: 'items',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many AlpaClass deliveries of a school',
		description: 'List the deliveries of a school',
		method: 'GET',
		path: `${TEAMS}/:teamId/deliveries`,
		scopes: ['alpaclass_delivery_read'],
		output: 'items',
	},
];

/** `sort` as Eduzz takes it: `field:asc|desc`, several separated by commas. */
function sortOption(example: string): INodeProperties {
	return queryField(
		'Sort',
		'sort',
		'string',
		'Fields to sort by as field:asc or field:desc, separated by commas',
		{ placeholder: `e.g. ${example}` },
	);
}

export const alpaclassProperties: INodeProperties[] = [
	operationPicker(SCHOOL, schoolOperations.map(operationOption), 'getAll'),
	collection('options', SCHOOL, 'getAll', [sortOption('name:asc')]),

	operationPicker(STUDENT, studentOperations.map(operationOption), 'getAll'),
	shownFor(schoolParameter, STUDENT, ['create', 'getAll']),
	inBody(textParameter('Name', 'name', STUDENT, ['create'], "The student's name")),
	inBody(
		textParameter(
			'Email',
			'email',
			STUDENT,
			['create'],
			"The student's e-mail address; AlpaClass sends the access to it",
			'e.g. nathan@example.com',
		),
	),
	collection('additionalFields', STUDENT, 'create', [
		bodyField('Document', 'document', 'string', 'Document number, usually a CPF'),
		inBody({
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: 'e.g. 11999999999',
		}),
		inBody(
			field('Tags', 'tags', 'string', 'Tags for the student, separated by commas', {
				placeholder: 'e.g. vip, turma-2026',
			}),
			'tags',
			commaList(),
		),
	]),
	...paginationProperties(STUDENT, 'getAll'),
	collection('filters', STUDENT, 'getAll', [
		queryField('Document', 'document', 'string', 'Only the student with this document number'),
		queryField('Email', 'email', 'string', 'Only the student with this e-mail address'),
		queryField(
			'Frozen',
			'isFrozen',
			'boolean',
			'Whether to list only frozen students (or only active ones)',
		),
		...dateRange('students registered', ['Registered After', 'Registered Before']),
		sortOption('name:asc,email:desc'),
		queryField('Student ID', 'id', 'string', 'Only the student with this ID'),
	]),

	operationPicker(ENROLLMENT, enrollmentOperations.map(operationOption), 'getAll'),
	shownFor(schoolParameter, ENROLLMENT, ['getAll']),
	textParameter(
		'Student ID',
		'studentId',
		ENROLLMENT,
		['getAll'],
		'The AlpaClass student\'s ID. From an AlpaClass event: {{ $json.data.student.id }}; "Get many AlpaClass students of a school" finds it by e-mail.',
	),
	...paginationProperties(ENROLLMENT, 'getAll'),

	operationPicker(DELIVERY, deliveryOperations.map(operationOption), 'get'),
	shownFor(schoolParameter, DELIVERY, ['get', 'getAll', 'getCourses']),
	textParameter(
		'Delivery ID',
		'deliveryId',
		DELIVERY,
		['get', 'getCourses'],
		'The AlpaClass delivery\'s ID; "Get many AlpaClass deliveries of a school" lists them',
	),
	...paginationProperties(DELIVERY, 'getAll'),
	collection('options', DELIVERY, 'getAll', [sortOption('name:asc,platform:desc')]),
	...paginationProperties(DELIVERY, 'getCourses'),
	collection('options', DELIVERY, 'getCourses', [sortOption('name:asc')]),
];
