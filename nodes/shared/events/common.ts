import { z } from 'zod/v3';

/*
 * Shared building blocks of the Eduzz event schemas. Every object is `.passthrough()` so that
 * fields Eduzz adds later are kept, and every field is `.describe()`d because the descriptions are
 * the field documentation.
 */

/** An object that keeps unknown keys (a correctly signed event must never lose data). */
export function looseObject<T extends z.ZodRawShape>(shape: T, description: string) {
	return z.object(shape).passthrough().describe(description);
}

/** An id that Eduzz's examples show as a string in one place and as a number in another. */
export function looseId(description: string) {
	return z
		.union([z.string(), z.number()], {
			errorMap: (_issue, ctx) => ({
				message:
					ctx.data === undefined
						? 'Required'
						: `Expected string or number, received ${z.getParsedType(ctx.data)}`,
			}),
		})
		.describe(description);
}

/** `{ currency, value }`, the money shape used by MyEduzz, Blinket and Sun. */
export function money(description: string) {
	return looseObject(
		{
			currency: z.string().describe('ISO 4217 currency code, e.g. BRL.'),
			value: z.number().describe('Amount in that currency, in major units (e.g. 301.5).'),
		},
		description,
	);
}

// ---------------------------------------------------------------------------------------------
// AlpaClass (members area). Ids are opaque strings (32-char hex in Eduzz's examples).
// ---------------------------------------------------------------------------------------------

export const alpaclassStudent = looseObject(
	{
		id: z.string().describe('Student id within the school.'),
		name: z.string().describe('Student name.'),
		email: z.string().describe('Student e-mail address.'),
	},
	'The student who did the action.',
);

export const alpaclassTeam = looseObject(
	{
		id: z.string().describe('School (team) id.'),
		name: z.string().describe('School (team) name.'),
	},
	'The school (AlpaClass calls it a team) the student belongs to.',
);

export const alpaclassCourse = looseObject(
	{
		id: z.string().describe('Course id.'),
		name: z.string().describe('Course name.'),
	},
	'The course.',
);

export const alpaclassModule = looseObject(
	{
		id: z.string().describe('Module id.'),
		name: z.string().describe('Module name.'),
	},
	'The course module.',
);

export const alpaclassLesson = looseObject(
	{
		id: z.string().describe('Lesson id.'),
		name: z.string().describe('Lesson name.'),
	},
	'The lesson.',
);

// ---------------------------------------------------------------------------------------------
// Nutror (members area). Courses are identified by a hash, lessons and modules by numeric strings.
// ---------------------------------------------------------------------------------------------

/** Nutror `createdAt`: Eduzz's examples mix `2023-09-06 17:32:14` and `2023-09-26T13:51:15Z`. */
export const nutrorCreatedAt = z
	.string()
	.describe(
		'When the action happened. Eduzz sends either "YYYY-MM-DD HH:mm:ss" or ISO 8601 (e.g. 2023-09-26T13:51:15Z); the value is kept as sent.',
	);

export const nutrorProducer = looseObject(
	{
		email: z.string().describe('Producer e-mail address.'),
		name: z.string().describe('Producer name.'),
		eduzzId: looseId('Producer id in MyEduzz (only in older Eduzz examples).').optional(),
	},
	'The producer (course owner).',
);

export const nutrorLearner = looseObject(
	{
		email: z.string().describe('Learner e-mail address.'),
		name: z.string().describe('Learner name.'),
	},
	'The learner (student) who did the action.',
);

export const nutrorCourse = looseObject(
	{
		hash: z.string().describe('Course hash (the course identifier in Nutror).'),
		title: z.string().describe('Course title.'),
	},
	'The course.',
);

export const nutrorLesson = looseObject(
	{
		id: z.string().describe('Lesson id.'),
		title: z.string().describe('Lesson title.'),
	},
	'The lesson.',
);

export const nutrorModule = looseObject(
	{
		id: z.string().describe('Module id.'),
		title: z.string().describe('Module title.'),
	},
	'The module.',
);

export const nutrorComment = looseObject(
	{
		id: z.string().describe('Comment id.'),
		text: z.string().describe('Comment text.'),
		parentId: z
			.string()
			.nullable()
			.optional()
			.describe('Id of the comment this one replies to; null for a top-level comment.'),
	},
	'The comment.',
);

// ---------------------------------------------------------------------------------------------
// MyEduzz (sales: invoices, subscriptions, commissions). Ids are numeric strings.
// ---------------------------------------------------------------------------------------------

export const myeduzzProducer = looseObject(
	{
		id: looseId('Producer id in MyEduzz.'),
		name: z.string().describe('Producer name.'),
		email: z.string().describe('Producer e-mail address.'),
	},
	'The producer (seller account).',
);

export const myeduzzInvoiceProducer = myeduzzProducer
	.extend({
		originSecret: z
			.string()
			.optional()
			.describe(
				"SECRET-LIKE VALUE: the producer's legacy webhook origin token. Treat it as a secret: do not log, display or forward it.",
			),
	})
	.describe('The producer (seller account) of the invoice.');

export const myeduzzPerson = looseObject(
	{
		id: looseId('Person id in MyEduzz.'),
		name: z.string().describe('Name.'),
		email: z.string().describe('E-mail address.'),
	},
	'A person (producer, affiliate or customer) in MyEduzz.',
);

export const myeduzzPhone = looseObject(
	{
		countryCode: z.string().describe('Country calling code, e.g. 55.'),
		areaCode: z.string().describe('Area code (DDD), e.g. 15.'),
		number: z.string().describe('Phone number without country and area code.'),
	},
	'Phone number split into its parts.',
);

export const myeduzzAddress = looseObject(
	{
		street: z.string().optional().describe('Street.'),
		number: z.string().optional().describe('House number.'),
		neighborhood: z.string().optional().describe('Neighborhood (bairro).'),
		complement: z.string().optional().describe('Address complement.'),
		city: z.string().optional().describe('City.'),
		state: z.string().optional().describe('State.'),
		country: z.string().optional().describe('Country.'),
		zipCode: z.string().optional().describe('Postal code (CEP).'),
	},
	'Postal address.',
);

/** Buyer / student contact block of invoices. */
const myeduzzContactShape = {
	id: looseId('Id in MyEduzz.').optional(),
	name: z.string().describe('Name.'),
	document: z.string().optional().describe('Document number (CPF/CNPJ).'),
	email: z.string().describe('E-mail address.'),
	phone: z.string().describe('Phone number.'),
	phone2: z.string().describe('Second phone number.'),
	cellphone: z.string().describe('Mobile phone number.'),
};

export const myeduzzBuyer = looseObject(
	{
		...myeduzzContactShape,
		address: myeduzzAddress.optional(),
	},
	'The buyer (who pays the invoice).',
);

export const myeduzzStudent = looseObject(
	myeduzzContactShape,
	'The student who receives the product, when different from the buyer.',
);

export const myeduzzUtm = looseObject(
	{
		source: z.string().describe('utm_source of the sale.'),
		campaign: z.string().describe('utm_campaign of the sale.'),
		medium: z.string().describe('utm_medium of the sale.'),
		content: z.string().describe('utm_content of the sale.'),
		term: z.string().optional().describe('utm_term of the sale.'),
	},
	'UTM parameters the sale came with.',
);

export const myeduzzCoupon = looseObject(
	{
		id: looseId('Coupon id.'),
		key: z.string().describe('Coupon code.'),
		discount: money('Discount the coupon gave.'),
	},
	'Coupon applied to the item.',
);

export const myeduzzInvoiceItem = looseObject(
	{
		productId: looseId('Product id.'),
		name: z.string().describe('Product name.'),
		parentId: looseId('Id of the parent product.').optional(),
		refundPeriod: looseObject(
			{
				durationType: z.string().describe('Unit of the refund period, e.g. days.'),
				value: z.number().describe('Length of the refund period in that unit.'),
			},
			'Refund (guarantee) period of the product.',
		).optional(),
		price: money('Item price.')
			.extend({
				coupon: myeduzzCoupon
					.optional()
					.describe('Coupon applied to the item (one Eduzz example puts it inside price).'),
			})
			.describe('Item price.'),
		coupon: myeduzzCoupon.optional(),
		partnerId: looseId('Partner id.').optional(),
		billingType: z
			.string()
			.optional()
			.describe('Billing type; Eduzz examples show both "single" and "Única".'),
		skuReference: z.string().optional().describe('SKU reference of the product.'),
	},
	'An invoice item (product).',
);

export const myeduzzGains = looseObject(
	{
		producer: money("Producer's gain.").optional(),
		coproducer: money("Co-producers' gain.").optional(),
		affiliate: money("Affiliate's gain.").optional(),
	},
	'What each party earned from the invoice.',
);

export const myeduzzFees = looseObject(
	{
		eduzz: money('Eduzz fee.').optional(),
		recovery: money('Sale recovery fee.').optional(),
		alumy: money('Alumy fee.').optional(),
		total: money('Total of the fees.').optional(),
	},
	'Fees charged on the invoice.',
);

export const myeduzzChargeback = looseObject(
	{
		status: z.string().describe('Chargeback status, e.g. pendingDocuments.'),
		createdAt: z.string().describe('When the chargeback was opened (ISO 8601).'),
		limitDate: z.string().describe('Deadline to send the defense documents (ISO 8601).'),
		finishedAt: z
			.string()
			.nullable()
			.describe('When the chargeback was closed (ISO 8601); null while open.'),
	},
	'Chargeback of the invoice.',
);

// ---------------------------------------------------------------------------------------------
// Blinket (events and tickets).
// ---------------------------------------------------------------------------------------------

export const blinketProducer = looseObject(
	{
		id: looseId('Producer id in Eduzz.'),
		name: z.string().describe('Producer name.'),
		email: z.string().describe('Producer e-mail address.'),
	},
	'The producer (event organizer).',
);

export const blinketEvent = looseObject(
	{
		id: z.string().describe('Blinket event id (UUID).'),
		name: z.string().describe('Event name.'),
		type: z.string().describe('Event type, e.g. online.'),
	},
	'The Blinket event (the happening, not the webhook).',
);

export const blinketBatch = looseObject(
	{
		contentId: looseId('Id of the Eduzz content behind the batch.'),
		name: z.string().describe('Batch (lote) name.'),
		price: money('Ticket price in this batch.'),
	},
	'The batch (lote) of the ticket.',
);

export const blinketTag = looseObject(
	{
		id: z.string().describe('Tag id.'),
		title: z.string().describe('Tag title.'),
		color: z.string().describe('Tag color (hex, e.g. #000dffb3).'),
	},
	'A tag (marcador) of the attendee.',
);

export const blinketParticipant = looseObject(
	{
		id: z.string().optional().describe('Attendee id (UUID).'),
		inviteKey: z.string().describe('Ticket number.'),
		name: z.string().describe('Attendee name.'),
		email: z.string().describe('Attendee e-mail address.'),
		phone: z.string().describe('Attendee phone number.'),
		document: looseObject(
			{
				type: z.string().describe('Document type, e.g. cpf.'),
				number: z.string().describe('Document number.'),
			},
			'Attendee document.',
		).optional(),
		status: z.string().describe('Ticket status, e.g. paid, canceled.'),
		assigned: z.boolean().optional().describe('Whether the ticket is assigned to this person.'),
		manuallyCreated: z.boolean().describe('Whether the ticket was created manually.'),
		checkInAt: z
			.string()
			.nullable()
			.optional()
			.describe('When the attendee checked in (ISO 8601); null when not checked in.'),
		checkInLink: z.string().optional().describe('Check-in link of the ticket.'),
		tags: z.array(blinketTag).optional().describe('Tags (marcadores) of the attendee.'),
		customFields: looseObject(
			{
				company: z.string().optional().describe('Company.'),
				occupation: z.string().optional().describe('Occupation.'),
				birthdate: z.string().optional().describe('Birth date (ISO 8601).'),
				jobTitle: z.string().optional().describe('Job title.'),
			},
			'Answers to the custom registration fields of the event (the keys depend on the event).',
		).optional(),
	},
	'The attendee (participante).',
);
