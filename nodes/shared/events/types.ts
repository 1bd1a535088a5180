import type { z } from 'zod/v3';

/** Eduzz products, in the order the event picker shows them (AlpaClass first). */
export const PRODUCTS = ['alpaclass', 'myeduzz', 'nutror', 'blinket', 'safevideo', 'sun'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PRODUCT_NAMES: Record<Product, string> = {
	alpaclass: 'AlpaClass',
	myeduzz: 'MyEduzz',
	nutror: 'Nutror',
	blinket: 'Blinket',
	safevideo: 'SafeVideo',
	sun: 'Sun',
};

/**
 * One Eduzz webhook event. The zod schema of `data` is the single source of truth: it gives the
 * TypeScript type (`z.infer`), the validation, and the field documentation (`.describe()`).
 */
export interface EventDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
	/** Exact Eduzz event name, e.g. `alpaclass.student_module_unfinished`. */
	name: string;
	product: Product;
	/** Readable English name for the event picker, e.g. "Student Unmarked a Module as Finished". */
	displayName: string;
	/** One line: when Eduzz sends it (English), ending with the console's pt-BR label in parentheses. */
	description: string;
	/** Schema of the envelope's `data` object. */
	schema: S;
}

export function defineEvent<S extends z.ZodTypeAny>(
	definition: EventDefinition<S>,
): EventDefinition<S> {
	return definition;
}
