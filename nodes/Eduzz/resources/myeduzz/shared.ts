import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** Base of every MyEduzz path. */
export const MYEDUZZ = '/myeduzz/v1';

/** One query filter: added to a "Filters" collection, it sends the query parameter `name`. */
export function queryOption(
	displayName: string,
	name: string,
	type: 'string' | 'dateTime' | 'boolean',
	description: string,
	placeholder?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type,
		default: type === 'boolean' ? false : '',
		description,
		...(placeholder ? { placeholder } : {}),
		routing: { send: { type: 'query', property: name } },
	};
}

/** The start of the period most MyEduzz lists take (`startDate`). */
export function startDateOption(what: string): INodeProperties {
	return queryOption('Start Date', 'startDate', 'dateTime', `Only ${what} from this date on`);
}

/** The end of the period most MyEduzz lists take (`endDate`). */
export function endDateOption(what: string): INodeProperties {
	return queryOption('End Date', 'endDate', 'dateTime', `Only ${what} up to this date`);
}

/** A text field holding ids separated by commas, sent as an array in the body field `property`. */
export function commaSeparatedBody(property: string): {
	type: 'body';
	property: string;
	value: string;
} {
	return {
		type: 'body',
		property,
		value: '={{ String($value).split(",").map((id) => id.trim()).filter((id) => id !== "") }}',
	};
}

// ---- reading Eduzz's answers for "Simplify" ----------------------------------------------------

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
