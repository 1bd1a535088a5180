import { z } from 'zod/v3';

import {
	blinketBatch,
	blinketEvent,
	blinketParticipant,
	blinketProducer,
	looseId,
	looseObject,
} from './common';
import { defineEvent } from './types';

const createdAt = z.string().describe('When Eduzz created the notification (ISO 8601).');

/** Events about one attendee of a Blinket event. */
const attendeeShape = {
	producer: blinketProducer,
	event: blinketEvent,
	participant: blinketParticipant,
	createdAt,
};

const attendanceAddedData = looseObject(
	{
		...attendeeShape,
		ticket: looseObject(
			{
				name: z.string().describe('Ticket type name.'),
				isPaid: z.boolean().describe('Whether the ticket is paid.'),
			},
			'The ticket type bought.',
		),
		batch: blinketBatch,
		buyer: looseObject(
			{
				id: looseId('Buyer id in Eduzz.'),
				name: z.string().describe('Buyer name.'),
				email: z.string().describe('Buyer e-mail address.'),
				phone: z.string().describe('Buyer phone number.'),
			},
			'Who bought the ticket.',
		),
	},
	'Payload of blinket.attendance_added: a ticket was bought or created manually.',
);

const attendanceAssignedData = looseObject(
	attendeeShape,
	'Payload of blinket.attendance_assigned: a ticket was assigned to a person.',
);

const attendanceEditedData = looseObject(
	attendeeShape,
	"Payload of blinket.attendance_edited: an attendee's data changed.",
);

const attendanceTagChangedData = looseObject(
	attendeeShape,
	'Payload of blinket.attendance_tag_changed: a tag was added to or removed from an attendee.',
);

const attendanceCheckinData = looseObject(
	attendeeShape,
	'Payload of blinket.attendance_checkin: an attendee check-in was done or undone.',
);

const attendancesPrintedData = looseObject(
	{
		producer: blinketProducer,
		event: blinketEvent,
		participants: z
			.array(blinketParticipant.describe('An attendee whose ticket was printed.'))
			.describe('Attendees whose tickets were printed or downloaded.'),
		createdAt,
	},
	'Payload of blinket.attendances_printed: one or more tickets were printed or downloaded.',
);

const attendanceCanceledData = looseObject(
	attendeeShape,
	'Payload of blinket.attendance_canceled: a ticket was canceled.',
);

const ticketEditedData = looseObject(
	{
		producer: blinketProducer,
		event: blinketEvent,
		tickets: z
			.array(
				looseObject(
					{
						name: z.string().describe('Ticket type name.'),
						showOnEventPage: z.boolean().describe('Whether the ticket is shown on the event page.'),
						isPaid: z.boolean().describe('Whether the ticket is paid.'),
						isUnlimited: z.boolean().describe('Whether the ticket quantity is unlimited.'),
						buyLimit: z.number().describe('Maximum tickets per purchase (0 = no limit).'),
						buyMinimum: z.number().describe('Minimum tickets per purchase.'),
						batches: z
							.array(
								blinketBatch
									.extend({
										quantity: z.number().describe('Number of tickets in the batch.'),
										startSalesAt: z.string().describe('When batch sales start (ISO 8601).'),
										endSalesAt: z.string().describe('When batch sales end (ISO 8601).'),
									})
									.describe('A batch (lote) of the ticket type.'),
							)
							.describe('Batches (lotes) of the ticket type.'),
					},
					'A ticket type of the event.',
				),
			)
			.describe('Ticket types of the event, as they are after the change.'),
		createdAt,
	},
	'Payload of blinket.ticket_edited: a ticket type or batch of an event was changed.',
);

/** In the attendee's journey order, then the organizer-side ticket change. */
export const blinketEvents = [
	defineEvent({
		name: 'blinket.attendance_added',
		product: 'blinket',
		displayName: 'Attendee Added',
		description:
			'A ticket was bought or created manually, adding an attendee (Participante Adicionado).',
		schema: attendanceAddedData,
	}),
	defineEvent({
		name: 'blinket.attendance_assigned',
		product: 'blinket',
		displayName: 'Ticket Assigned',
		description: 'A ticket was assigned to a person (Participante Atribuído).',
		schema: attendanceAssignedData,
	}),
	defineEvent({
		name: 'blinket.attendance_edited',
		product: 'blinket',
		displayName: 'Attendee Edited',
		description: "An attendee's information was changed (Participante Editado).",
		schema: attendanceEditedData,
	}),
	defineEvent({
		name: 'blinket.attendance_tag_changed',
		product: 'blinket',
		displayName: 'Attendee Tag Changed',
		description: 'A tag was added to or removed from an attendee (Marcador Alterado).',
		schema: attendanceTagChangedData,
	}),
	defineEvent({
		name: 'blinket.attendance_checkin',
		product: 'blinket',
		displayName: 'Attendee Check-In Changed',
		description: "An attendee's check-in was done or undone (Check-in).",
		schema: attendanceCheckinData,
	}),
	defineEvent({
		name: 'blinket.attendances_printed',
		product: 'blinket',
		displayName: 'Tickets Printed',
		description: 'An attendee printed or downloaded one or more tickets (Ingresso impresso).',
		schema: attendancesPrintedData,
	}),
	defineEvent({
		name: 'blinket.attendance_canceled',
		product: 'blinket',
		displayName: 'Ticket Canceled',
		description: 'A ticket was canceled (Ingresso Cancelado).',
		schema: attendanceCanceledData,
	}),
	defineEvent({
		name: 'blinket.ticket_edited',
		product: 'blinket',
		displayName: 'Ticket Type Edited',
		description: 'A ticket type or one of its batches was changed (Ingresso editado).',
		schema: ticketEditedData,
	}),
];
