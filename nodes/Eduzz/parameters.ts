import type { INodeProperties } from 'n8n-workflow';

/** A resource locator: pick from a list Eduzz gives, or type/map the id. */
function pickerOrId(
	displayName: string,
	name: string,
	searchListMethod: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 16943848cc6495142a8e3011d0173252',
			},
		],
	};
}

/** The AlpaClass school (team); in AlpaClass events it is `data.team.id`. */
export const schoolParameter = pickerOrId(
	'School',
	'teamId',
	'searchSchools',
	'The AlpaClass school. From a trigger item: {{ $json.data.team.id }}.',
);

export const productParameter = pickerOrId(
	'Product',
	'productId',
	'searchProducts',
	'The MyEduzz product',
);

export const courseParameter = pickerOrId(
	'Course',
	'courseId',
	'searchCourses',
	'The Nutror course',
);

/** A required text parameter (an id, an e-mail) shown for the given operations of a resource. */
export function textParameter(
	displayName: string,
	name: string,
	resource: string,
	operations: string[],
	description: string,
	placeholder?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		description,
		...(placeholder ? { placeholder } : {}),
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}

/** Shows a shared parameter for the given operations of a resource. */
export function shownFor(
	parameter: INodeProperties,
	resource: string,
	operations: string[],
): INodeProperties {
	return {
		...parameter,
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}
