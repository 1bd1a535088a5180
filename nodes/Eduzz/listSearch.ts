import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeListSearchResult,
} from 'n8n-workflow';

import { eduzzApiError } from '../shared/apiError';
import { EDUZZ_CREDENTIAL_TYPE, baseUrlOf } from '../shared/credential';

/** GET for the pickers, with the same error handling as the operations. */
async function eduzzGet(
	context: ILoadOptionsFunctions,
	path: string,
	scopes: string[],
	qs: IDataObject = {},
): Promise<unknown> {
	const credentials = await context.getCredentials(EDUZZ_CREDENTIAL_TYPE);
	const method: IHttpRequestMethods = 'GET';
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		EDUZZ_CREDENTIAL_TYPE,
		{
			method,
			url: `${baseUrlOf(credentials)}${path}`,
			qs,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
	)) as IN8nHttpFullResponse;
	if (response.statusCode >= 300)
		throw eduzzApiError(
			context.getNode(),
			{ method, path, scopes },
			response.statusCode,
			response.body,
		);
	return response.body;
}

function itemsOf(body: unknown): IDataObject[] {
	const items = Array.isArray(body) ? body : (body as { items?: unknown } | null)?.items;
	return Array.isArray(items) ? (items as IDataObject[]) : [];
}

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
	const body = await eduzzGet(this, '/alpaclass/v1/producer/teams', ['alpaclass_team_read'], {
		sort: 'name:asc',
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
	const body = (await eduzzGet(this, '/myeduzz/v1/products', ['myeduzz_products_read'], {
		page,
		itemsPerPage: 100,
	})) as { pages?: number };
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
	const body = await eduzzGet(this, '/nutror/v1/courses', ['nutror_courses_read']);
	// Eduzz's example answers one course object; a list (bare or in `items`) is read as such.
	const courses =
		itemsOf(body).length > 0
			? itemsOf(body)
			: body && typeof body === 'object' && 'id' in body
				? [body as IDataObject]
				: [];
	return matching(courses, filter, (course) => String(course.title ?? course.id));
}
