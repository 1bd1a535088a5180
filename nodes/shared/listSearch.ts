import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { eduzzRequest, itemsOf } from './transport';

/*
 * The pickers both nodes offer (resource locators with a searchable list): the Eduzz node's
 * parameters (nodes/shared/parameters.ts) and the Eduzz Trigger's "Only For" filters. Both nodes
 * register every method of `listSearch`.
 */

function matching(
	items: IDataObject[],
	filter: string | undefined,
	name: (item: IDataObject) => string,
	value: (item: IDataObject) => unknown = (item) => item.id,
): INodeListSearchResult {
	const wanted = filter?.trim().toLowerCase() ?? '';
	return {
		results: items
			.filter((item) => value(item) !== undefined && value(item) !== null)
			.map((item) => ({ name: name(item), value: String(value(item)) }))
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

/** One page of 100 of a paginated Eduzz list, matched against `filter`; the next page is the token. */
async function searchPage(
	context: ILoadOptionsFunctions,
	list: { path: string; scope: string; name: (item: IDataObject) => string },
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const body = await eduzzRequest<{ pages?: number }>(context, {
		method: 'GET',
		path: list.path,
		scopes: [list.scope],
		qs: { page, itemsPerPage: 100 },
	});
	return {
		...matching(itemsOf(body), filter, list.name),
		paginationToken: body.pages !== undefined && page < body.pages ? String(page + 1) : undefined,
	};
}

/** The producer's MyEduzz products, one page of 100 at a time. */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const name = (product: IDataObject) => String(product.name ?? product.id);
	const list = { path: '/myeduzz/v1/products', scope: 'myeduzz_products_read', name };
	return await searchPage(this, list, filter, paginationToken);
}

/** The producer's Blinket events, one page of 100 at a time. */
export async function searchBlinketEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const name = (event: IDataObject) => String(event.title ?? event.id);
	const list = { path: '/blinket/v1/events', scope: 'blinket_read', name };
	return await searchPage(this, list, filter, paginationToken);
}

/** The producer's Nutror courses; Eduzz's example answers one course object, read as a list of one. */
async function nutrorCourses(context: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const body = await eduzzRequest(context, {
		method: 'GET',
		path: '/nutror/v1/courses',
		scopes: ['nutror_courses_read'],
	});
	return itemsOf(body);
}

/** The producer's Nutror courses, by the numeric id the Eduzz node's operations take. */
export async function searchCourses(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return matching(await nutrorCourses(this), filter, (course) => String(course.title ?? course.id));
}

/**
 * The producer's Nutror courses by hash: the id Nutror's webhook events name a course by
 * (`data.course.hash`), for the trigger's filter.
 */
export async function searchCourseHashes(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return matching(
		await nutrorCourses(this),
		filter,
		(course) => String(course.title ?? course.hash),
		(course) => course.hash,
	);
}

/** Every page of a paginated AlpaClass list (`{ pages, page, items }`), up to `maxPages`. */
async function allPages(
	context: ILoadOptionsFunctions,
	path: string,
	scopes: string[],
	maxPages = 10,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for (let page = 1; page <= maxPages; page++) {
		const body = await eduzzRequest<{ pages?: number }>(context, {
			method: 'GET',
			path,
			scopes,
			qs: { page, itemsPerPage: 100 },
		});
		items.push(...itemsOf(body));
		if (body?.pages === undefined || page >= body.pages) break;
	}
	return items;
}

/**
 * The courses of the producer's AlpaClass schools, one school per page. AlpaClass lists courses per
 * delivery ("entrega"), so this walks a school's deliveries and their courses (needs
 * alpaclass_delivery_read).
 */
export async function searchAlpaclassCourses(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const schools = itemsOf(
		await eduzzRequest(this, {
			method: 'GET',
			path: '/alpaclass/v1/producer/teams',
			scopes: ['alpaclass_team_read'],
			qs: { sort: 'name:asc' },
		}),
	);
	const index = Number(paginationToken ?? 0);
	const school = schools[index];
	if (!school) return { results: [] };
	const team = `/alpaclass/v1/producer/teams/${encodeURIComponent(String(school.id))}`;
	const courses = new Map<string, IDataObject>();
	for (const delivery of await allPages(this, `${team}/deliveries`, ['alpaclass_delivery_read'])) {
		const path = `${team}/deliveries/${encodeURIComponent(String(delivery.id))}/courses`;
		for (const course of await allPages(this, path, ['alpaclass_delivery_read'])) {
			const id = String(course.id);
			if (!courses.has(id))
				courses.set(id, { ...course, name: `${course.name ?? id} (${school.name ?? school.id})` });
		}
	}
	return {
		...matching([...courses.values()], filter, (course) => String(course.name)),
		paginationToken: index + 1 < schools.length ? String(index + 1) : undefined,
	};
}

/** What both nodes register as `methods.listSearch`. */
export const listSearch = {
	searchAlpaclassCourses,
	searchBlinketEvents,
	searchCourseHashes,
	searchCourses,
	searchProducts,
	searchSchools,
};
