/**
 * The stand-in for Eduzz's API (tooling/eduzzPublicApi.js) holds one world, made of the things
 * Eduzz's examples and the webhook event samples name: what a sample names is found, an unknown
 * id gets Eduzz's 404.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code, never shipped: n8n Cloud's rules are for the package's nodes */
import fs from 'node:fs';
import path from 'node:path';

import { findOperation, answerOperation, operations, world } from '../../tooling/eduzzPublicApi';
import { EXAMPLES, moduleUnfinishedData } from '../../tooling/deliveries';

interface Route {
	method: string;
	path: string;
	scopes: string[];
}
interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Eduzz's example answers, of many shapes: each test reads the fields it checks
	body: any;
}
interface Kind {
	name: string;
	params: string[];
	things: Array<{ key: string; parents?: Record<string, string> }>;
}

const ROUTES: Route[] = operations;
const KINDS: Kind[] = world();
const ALL_SCOPES = new Set(ROUTES.flatMap((route) => route.scopes));

/** What the fake answers `method path`, as `{ status, body }` (its errors included). */
function answer(method: string, path: string, query: Record<string, string> = {}, pagedTotal = 3) {
	const operation = findOperation(method, path);
	if (!operation) throw new Error(`no operation ${method} ${path}`);
	const fail = (status: number, message: string, code: string) => ({
		status,
		body: { message, code },
	});
	try {
		return answerOperation(operation, {
			query,
			body: undefined,
			scopes: ALL_SCOPES,
			fail,
			pagedTotal,
		}) as Answer;
	} catch (error) {
		if (typeof (error as Answer).status === 'number') return error as Answer;
		throw error;
	}
}

const TEAMS = '/alpaclass/v1/producer/teams';
const { team: SCHOOL, student: STUDENT, course: COURSE } = moduleUnfinishedData;

describe("the stand-in for Eduzz's API", () => {
	it("holds the AlpaClass sample's school, its student, and the student's enrollment in the sample's course", () => {
		expect(answer('GET', TEAMS).body.items).toContainEqual(
			expect.objectContaining({ id: SCHOOL.id, name: 'Escola de Beltrano' }),
		);
		const students = answer('GET', `${TEAMS}/${SCHOOL.id}/students`, { itemsPerPage: '100' });
		expect(students.body.items).toContainEqual(
			expect.objectContaining({ id: STUDENT.id, name: STUDENT.name, email: STUDENT.email }),
		);
		const enrollments = answer('GET', `${TEAMS}/${SCHOOL.id}/students/${STUDENT.id}/enrollments`);
		expect(enrollments.status).toBe(200);
		expect(enrollments.body.items).toContainEqual(
			expect.objectContaining({ course: { id: COURSE.id, name: COURSE.name } }),
		);
	});

	it.each([
		['a student no school has', `${TEAMS}/${SCHOOL.id}/students/does-not-exist/enrollments`],
		[
			"the sample's student in another school",
			`${TEAMS}/abcdef/students/${STUDENT.id}/enrollments`,
		],
		['an unknown school', `${TEAMS}/does-not-exist/students`],
	])('answers 404 for %s, with a message and a code', (_label, path) => {
		const { status, body } = answer('GET', path);
		expect(status).toBe(404);
		expect(body).toEqual({ message: expect.any(String), code: 'NOT_FOUND' });
	});

	it("holds the MyEduzz samples' products, sale and buyer, found by id and listed", () => {
		// EXAMPLES is typed `Record<string, unknown>` (tooling/deliveries.js); the invoice has these fields.
		const invoice = EXAMPLES['myeduzz.invoice_paid'] as {
			id: string;
			buyer: { name: string; email: string };
			items: Array<{ productId: string; name: string }>;
		};
		const products = answer('GET', '/myeduzz/v1/products', { itemsPerPage: '100' }).body.items;
		for (const { productId, name } of invoice.items) {
			expect(answer('GET', `/myeduzz/v1/products/${productId}`).body).toMatchObject({
				id: productId,
				name,
			});
			expect(products).toContainEqual(expect.objectContaining({ id: productId, name }));
		}
		expect(answer('GET', `/myeduzz/v1/sales/${invoice.id}`).body).toMatchObject({
			id: invoice.id,
			buyer: { name: invoice.buyer.name, email: invoice.buyer.email },
		});
		const customer = answer(
			'GET',
			`/myeduzz/v1/customers/${encodeURIComponent(invoice.buyer.email)}`,
		);
		expect(customer.body).toMatchObject({ name: invoice.buyer.name, email: invoice.buyer.email });
	});

	it('answers an unknown id with the 404 example Eduzz documents for the operation', () => {
		expect(answer('GET', '/myeduzz/v1/sales/does-not-exist')).toEqual({
			status: 404,
			body: { message: 'Sale not found.' },
		});
		expect(answer('GET', '/safevideo/v1/medias/does-not-exist')).toEqual({
			status: 404,
			body: { status: 404, message: 'Media not found' },
		});
		// GET /nutror/v1/students/:id documents none: DELETE of the same student does.
		expect(answer('GET', '/nutror/v1/students/does-not-exist')).toEqual({
			status: 404,
			body: { code: 2, message: 'Dados não encontrados', errors: [] },
		});
	});

	// Every path parameter that names a kind of thing: its things are found, anything else is 404.
	const checked = ROUTES.flatMap((route) =>
		[...route.path.matchAll(/:(\w+)/g)].flatMap((match) => {
			const prefix = route.path.slice(0, match.index! + match[0].length);
			const kind = KINDS.find((candidate) => candidate.params.includes(prefix));
			return kind ? [{ route, param: match[1], kind }] : [];
		}),
	);

	/** The route's path with an id each kind holds (under the ids before it), `param` set to `value`. */
	function pathFor(route: Route, param?: string, value?: string): string {
		const chosen: Record<string, string> = {};
		return route.path.replace(/:(\w+)/g, (_match, name: string) => {
			const prefix = route.path.slice(0, route.path.indexOf(`:${name}`) + name.length + 1);
			const kind = KINDS.find((candidate) => candidate.params.includes(prefix));
			const thing = kind?.things.find(
				(entry) =>
					!entry.parents ||
					Object.entries(entry.parents).every(([p, v]) => p === name || chosen[p] === v),
			);
			chosen[name] = name === param ? value! : (thing?.key ?? 'any-id');
			return encodeURIComponent(chosen[name]);
		});
	}

	it.each(
		checked.map(({ route, param, kind }) => [
			`${route.method} ${route.path}`,
			param,
			kind.name,
			route,
		]),
	)('%s: a known %s (%s) is found, an unknown one is 404', (_name, param, _kind, route) => {
		const known = answer(route.method, pathFor(route));
		expect(known.status).toBeLessThan(300);
		const unknown = answer(route.method, pathFor(route, param, 'does-not-exist'));
		expect(unknown.status).toBe(404);
		expect(unknown.body.message).toEqual(expect.any(String));
	});

	it('finds the numbered copies that fill a long list by their ids', () => {
		const { items, totalItems } = answer(
			'GET',
			'/nutror/v1/students',
			{ page: '2', itemsPerPage: '100' },
			250,
		).body;
		expect(totalItems).toBe(250);
		const ids = items.map((item: { id: string }) => item.id);
		expect(new Set(ids).size).toBe(100);
		for (const id of [ids[0], ids[99]]) {
			const found = answer('GET', `/nutror/v1/students/${id}`, {}, 250);
			expect(found).toMatchObject({ status: 200, body: { id } });
		}
		expect(answer('GET', '/nutror/v1/students/124323123-251', {}, 250).status).toBe(404);
	});

	it.each([
		['README.md', "**The stand-in for Eduzz's API**"],
		['README.pt-BR.md', '**O substituto da API da Eduzz**'],
	])('holds every id %s says it holds', (file, heading) => {
		const markdown = fs.readFileSync(path.join(__dirname, '../..', file), 'utf8');
		const start = markdown.indexOf(heading);
		expect(start).toBeGreaterThan(-1);
		const section = markdown.slice(start, markdown.indexOf('\n**', start + heading.length));
		const ids = [...section.matchAll(/`([\w@.-]+)`/g)]
			.map((match) => match[1])
			.filter((id) => id !== 'does-not-exist' && !id.endsWith('.js'));
		expect(ids.length).toBeGreaterThan(10);
		const held = new Set(KINDS.flatMap((kind) => kind.things.map((thing) => thing.key)));
		// A course is held as what an enrollment is in.
		const enrollments = answer('GET', `${TEAMS}/${SCHOOL.id}/students/${STUDENT.id}/enrollments`);
		for (const { course } of enrollments.body.items) held.add(course.id);
		expect(ids.filter((id) => !held.has(id))).toEqual([]);
	});

	it('names, for every kind, at least one thing', () => {
		for (const kind of KINDS) expect(kind.things.length).toBeGreaterThan(0);
	});
});
