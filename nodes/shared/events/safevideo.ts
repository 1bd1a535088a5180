import { z } from 'zod/v3';

import { looseObject } from './common';
import { defineEvent } from './types';

/** Upload events: the uploaded file. */
const uploadShape = {
	filename: z.string().describe('Name of the uploaded file.'),
	format: z.string().describe('File format (extension), e.g. mp4, mp3.'),
	type: z.string().describe('Media type, e.g. video, audio.'),
};

/** Encoding (processing) events: the processed file. */
const encoderShape = {
	filename: z.string().describe('Name of the file being processed.'),
};

const uploadStartedData = looseObject(
	uploadShape,
	'Payload of safevideo.upload_started: a file upload started.',
);

const uploadFinishedData = looseObject(
	uploadShape,
	'Payload of safevideo.upload_finished: a file upload finished successfully.',
);

const uploadCanceledData = looseObject(
	uploadShape,
	'Payload of safevideo.upload_canceled: a file upload was canceled.',
);

const uploadErrorData = looseObject(
	{
		...uploadShape,
		error: z.string().describe('Error message (pt-BR).'),
	},
	'Payload of safevideo.upload_error: a file upload failed.',
);

const encoderWaitingData = looseObject(
	encoderShape,
	'Payload of safevideo.encoder_waiting: a file is waiting for processing to start.',
);

const encoderStartedData = looseObject(
	encoderShape,
	'Payload of safevideo.encoder_started: file processing started.',
);

const encoderFinishedData = looseObject(
	encoderShape,
	'Payload of safevideo.encoder_finished: file processing finished.',
);

const encoderErrorData = looseObject(
	{
		...encoderShape,
		statusError: z.string().describe('Error message shown to the user (pt-BR).'),
	},
	'Payload of safevideo.encoder_error: file processing failed.',
);

/** Upload first, then processing, each in lifecycle order. */
export const safevideoEvents = [
	defineEvent({
		name: 'safevideo.upload_started',
		product: 'safevideo',
		displayName: 'Upload Started',
		description: 'The upload of a file started (Upload iniciado).',
		schema: uploadStartedData,
	}),
	defineEvent({
		name: 'safevideo.upload_finished',
		product: 'safevideo',
		displayName: 'Upload Finished',
		description: 'The upload of a file finished successfully (Upload finalizado).',
		schema: uploadFinishedData,
	}),
	defineEvent({
		name: 'safevideo.upload_canceled',
		product: 'safevideo',
		displayName: 'Upload Canceled',
		description: 'The upload of a file was canceled (Upload cancelado).',
		schema: uploadCanceledData,
	}),
	defineEvent({
		name: 'safevideo.upload_error',
		product: 'safevideo',
		displayName: 'Upload Failed',
		description: 'The upload of a file failed (Erro no upload).',
		schema: uploadErrorData,
	}),
	defineEvent({
		name: 'safevideo.encoder_waiting',
		product: 'safevideo',
		displayName: 'Processing Waiting to Start',
		description: 'A file is waiting for its processing to start (Processamento esperando início).',
		schema: encoderWaitingData,
	}),
	defineEvent({
		name: 'safevideo.encoder_started',
		product: 'safevideo',
		displayName: 'Processing Started',
		description: 'The processing (encoding) of a file started (Processamento iniciado).',
		schema: encoderStartedData,
	}),
	defineEvent({
		name: 'safevideo.encoder_finished',
		product: 'safevideo',
		displayName: 'Processing Finished',
		description: 'The processing (encoding) of a file finished (Processamento finalizado).',
		schema: encoderFinishedData,
	}),
	defineEvent({
		name: 'safevideo.encoder_error',
		product: 'safevideo',
		displayName: 'Processing Failed',
		description: 'The processing (encoding) of a file failed (Processamento com erro).',
		schema: encoderErrorData,
	}),
];
