import { z } from 'zod/v3';

/** A path into an event's data: object keys and array indexes. */
export type Path = Array<string | number>;

/** The schema under any `.optional()` / `.nullable()` wrappers. */
export function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
	let inner = schema;
	while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap();
	return inner;
}

/** The schema of the field at `path` (array indexes step into the element schema). */
export function fieldAt(schema: z.ZodTypeAny, path: Path): z.ZodTypeAny | undefined {
	let current: z.ZodTypeAny | undefined = schema;
	for (const segment of path) {
		if (!current) return undefined;
		const inner = unwrap(current);
		if (inner instanceof z.ZodObject) current = (inner.shape as z.ZodRawShape)[segment];
		else if (inner instanceof z.ZodArray) current = inner.element as z.ZodTypeAny;
		else return undefined;
	}
	return current;
}
