import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { eduzzRequest, itemsOf } from '../shared/transport';

function matching(
	items: IDataObject[],
	filter: string | undefined,
	name: (item: IDataObject) => string,
): INodeListSearchResult {
	const wanted = filter?.trim().toLowerCase() ?? '';
	return {
		results: items
			.map((item) => ({ name: name(item), value: String(item.id) }))
			.filter(
				(result) =>
					wanted === '' ||
					result.name.toLowerCase().includes(wanted) ||
					result.value.toLowerCase().includes(wanted),
			),
	};
}

/** The producer's AlpaClass schools. */
export async function searchSchools(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await eduzzRequest(this, {
		method: 'GET',
		path: '/alpaclass/v1/producer/teams',
		scopes: ['alpaclass_team_read'],
		qs: { sort: 'name:asc' },
	});
	return matching(itemsOf(body), filter, (school) => String(school.name ?? school.id));
}

/** The producer's MyEduzz products, one page of 100 at a time. */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const body = await eduzzRequest<{ pages?: number }>(this, {
		method: 'GET',
		path: '/myeduzz/v1/products',
		scopes: ['myeduzz_products_read'],
		qs: { page, itemsPerPage: 100 },
	});
	const result = matching(itemsOf(body), filter, (product) => String(product.name ?? product.id));
	return {
		...result,
		paginationToken: body.pages !== undefined && page < body.pages ? String(page + 1) : undefined,
	};
}

/** The producer's Nutror courses. */
export async function searchCourses(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	// Eduzz's example answers one course object; `itemsOf` reads it as a list of one.
	const body = await eduzzRequest(this, {
		method: 'GET',
		path: '/nutror/v1/courses',
		scopes: ['nutror_courses_read'],
	});
	return matching(itemsOf(body), filter, (course) => String(course.title ?? course.id));
}
