import type { GenericValue, IDataObject } from 'n8n-workflow';

/*
 * Reading Eduzz's answers for "Simplify": the resources' simplifiers pick their fields with these,
 * so a missing part or an unexpected type becomes null instead of an error.
 */

/** The object at `value`, or an empty one: Eduzz omits or nulls the parts that do not apply. */
export function objectAt(value: unknown): IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

/** A scalar as it is, anything else (missing, object) as null. */
export function scalar(value: unknown): string | number | boolean | null {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
		? value
		: null;
}

/** An id as text: Eduzz sends most ids as strings and a few as numbers. */
export function idOf(value: unknown): string | null {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** The number of Eduzz's `{ currency, value }` amount, or null. */
export function amount(value: unknown): number | null {
	const number = objectAt(value).value;
	if (typeof number === 'number') return number;
	return typeof number === 'string' && number.trim() !== '' && !Number.isNaN(Number(number))
		? Number(number)
		: null;
}

/** The currency of the first of the amounts that has one, or null. */
export function currencyOf(...values: unknown[]): string | null {
	for (const value of values) {
		const currency = objectAt(value).currency;
		if (typeof currency === 'string' && currency !== '') return currency;
	}
	return null;
}

/** Eduzz's `{ countryCode, areaCode, number }` as one number (`+5515999999999`), or a phone given as text. */
export function phoneOf(value: unknown): string | null {
	if (typeof value === 'string') return value === '' ? null : value;
	const phone = objectAt(value);
	const digits = (part: unknown) =>
		typeof part === 'string' || typeof part === 'number' ? String(part).trim() : '';
	if (digits(phone.number) === '') return null;
	const local = `${digits(phone.areaCode)}${digits(phone.number)}`;
	return digits(phone.countryCode) === '' ? local : `+${digits(phone.countryCode)}${local}`;
}

/**
 * A field of a simplified item: a reader and the paths of the values it reads (`buyer.email`), or a
 * function for what a reader cannot say.
 */
export type SimpleField =
	| [read: (...values: unknown[]) => GenericValue, ...paths: string[]]
	| ((item: IDataObject) => GenericValue);

/** The value at a path such as `buyer.email`; a missing or non-object part reads as empty. */
function valueAt(item: IDataObject, path: string): unknown {
	const keys = path.split('.');
	const last = keys.pop() as string;
	return keys.reduce((object, key) => objectAt(object[key]), item)[last];
}

/** The "Simplify" function of a table giving each field of the simplified item, in its order. */
export function simplifier(
	fields: Record<string, SimpleField>,
): (item: IDataObject) => IDataObject {
	return (item) => {
		const simplified: IDataObject = {};
		for (const [name, field] of Object.entries(fields)) {
			if (typeof field === 'function') simplified[name] = field(item);
			else {
				const [read, ...paths] = field;
				simplified[name] = read(...paths.map((path) => valueAt(item, path)));
			}
		}
		return simplified;
	};
}
