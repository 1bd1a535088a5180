import { z } from 'zod/v3';

import {
	looseObject,
	nutrorComment,
	nutrorCourse,
	nutrorCreatedAt,
	nutrorLearner,
	nutrorLesson,
	nutrorModule,
	nutrorProducer,
} from './common';
import { defineEvent } from './types';

/** Events about a whole course. */
const courseShape = {
	producer: nutrorProducer,
	learner: nutrorLearner,
	course: nutrorCourse,
	createdAt: nutrorCreatedAt,
};

/** Events about a lesson of a course. */
const lessonShape = {
	...courseShape,
	lesson: nutrorLesson,
};

const enrollmentCreatedData = looseObject(
	{
		producer: nutrorProducer,
		learner: nutrorLearner,
		content: looseObject(
			{
				hash: z.string().describe('Content hash.'),
				title: z.string().describe('Content title.'),
			},
			'The content (product) the learner was enrolled through.',
		),
		courses: z
			.array(nutrorCourse.describe('A course of the enrollment.'))
			.describe('Courses the learner was enrolled in.'),
		createdAt: nutrorCreatedAt,
	},
	'Payload of nutror.enrollment_created: a learner was enrolled in a course.',
);

const lessonStartedData = looseObject(
	lessonShape,
	'Payload of nutror.lesson_started: a learner started a lesson.',
);

const lessonWatchedData = looseObject(
	{
		...lessonShape,
		course: nutrorCourse
			.extend({
				progress: z.number().describe("Learner's progress in the course, in percent."),
			})
			.describe('The course, with the learner progress.'),
	},
	'Payload of nutror.lesson_watched: a learner finished a lesson.',
);

const moduleCompletedData = looseObject(
	{
		...lessonShape,
		lesson: nutrorLesson.describe('The lesson that completed the module.'),
		module: nutrorModule,
	},
	'Payload of nutror.module_completed: a learner finished a module.',
);

const lessonRatedData = looseObject(
	{
		...lessonShape,
		lesson: nutrorLesson
			.extend({ rating: z.number().describe('Rating the learner gave (e.g. 1 to 5).') })
			.describe('The rated lesson.'),
	},
	'Payload of nutror.lesson_rated: a learner rated a lesson.',
);

const lessonSavedData = looseObject(
	lessonShape,
	'Payload of nutror.lesson_saved: a learner saved a lesson.',
);

const commentCreatedData = looseObject(
	{ ...lessonShape, comment: nutrorComment },
	'Payload of nutror.comment_created: a learner commented on a lesson.',
);

const commentRepliedData = looseObject(
	{
		...lessonShape,
		comment: nutrorComment
			.extend({ parentId: z.string().describe('Id of the comment that was replied to.') })
			.describe('The reply.'),
	},
	'Payload of nutror.comment_replied: a learner replied to a comment.',
);

const commentDeletedData = looseObject(
	{ ...lessonShape, comment: nutrorComment.describe('The deleted comment.') },
	'Payload of nutror.comment_deleted: a learner deleted a comment.',
);

const notationCreatedData = looseObject(
	lessonShape,
	'Payload of nutror.notation_created: a learner created a note on a lesson.',
);

const fileDownloadedData = looseObject(
	lessonShape,
	'Payload of nutror.file_downloaded: a learner downloaded a lesson file.',
);

const learnerHelpData = looseObject(
	courseShape,
	'Payload of nutror.learner_help: a learner asked the producer for help.',
);

const certificateViewedData = looseObject(
	courseShape,
	'Payload of nutror.certificate_viewed: a learner opened a certificate.',
);

const communityViewedData = looseObject(
	courseShape,
	'Payload of nutror.community_viewed: a learner opened a community link.',
);

const inactiveStudentData = looseObject(
	{
		...courseShape,
		course: nutrorCourse
			.extend({
				inactiveDays: z.number().describe('Days without activity that made the learner inactive.'),
			})
			.describe('The course the learner is inactive in.'),
	},
	'Payload of nutror.inactive_student: a learner became inactive in a course.',
);

/** In the learner's journey order: enrollment, lessons, interactions, general, inactivity. */
export const nutrorEvents = [
	defineEvent({
		name: 'nutror.enrollment_created',
		product: 'nutror',
		displayName: 'Enrollment Created',
		description: 'A learner was enrolled in a course (Matrícula Criada).',
		schema: enrollmentCreatedData,
	}),
	defineEvent({
		name: 'nutror.lesson_started',
		product: 'nutror',
		displayName: 'Lesson Started',
		description: 'A learner started a lesson (Aula Iniciada).',
		schema: lessonStartedData,
	}),
	defineEvent({
		name: 'nutror.lesson_watched',
		product: 'nutror',
		displayName: 'Lesson Finished',
		description: 'A learner finished watching a lesson (Aula Finalizada).',
		schema: lessonWatchedData,
	}),
	defineEvent({
		name: 'nutror.module_completed',
		product: 'nutror',
		displayName: 'Module Completed',
		description: 'A learner finished a module (Módulo Finalizado).',
		schema: moduleCompletedData,
	}),
	defineEvent({
		name: 'nutror.lesson_rated',
		product: 'nutror',
		displayName: 'Lesson Rated',
		description: 'A learner rated a lesson (Aula Avaliada).',
		schema: lessonRatedData,
	}),
	defineEvent({
		name: 'nutror.lesson_saved',
		product: 'nutror',
		displayName: 'Lesson Saved',
		description: 'A learner saved a lesson to watch later (Aula Salva).',
		schema: lessonSavedData,
	}),
	defineEvent({
		name: 'nutror.comment_created',
		product: 'nutror',
		displayName: 'Comment Created',
		description: 'A learner commented on a lesson (Comentário Criado).',
		schema: commentCreatedData,
	}),
	defineEvent({
		name: 'nutror.comment_replied',
		product: 'nutror',
		displayName: 'Comment Replied',
		description: 'A learner replied to a comment on a lesson (Comentário Respondido).',
		schema: commentRepliedData,
	}),
	defineEvent({
		name: 'nutror.comment_deleted',
		product: 'nutror',
		displayName: 'Comment Deleted',
		description: 'A learner deleted one of their comments (Comentário Excluído).',
		schema: commentDeletedData,
	}),
	defineEvent({
		name: 'nutror.notation_created',
		product: 'nutror',
		displayName: 'Note Created',
		description: 'A learner created a note on a lesson (Anotação Criada).',
		schema: notationCreatedData,
	}),
	defineEvent({
		name: 'nutror.file_downloaded',
		product: 'nutror',
		displayName: 'File Downloaded',
		description: 'A learner downloaded a file attached to a lesson (Arquivo Baixado).',
		schema: fileDownloadedData,
	}),
	defineEvent({
		name: 'nutror.learner_help',
		product: 'nutror',
		displayName: 'Learner Asked for Help',
		description: 'A learner asked the producer for help (Aluno Solicitou Ajuda).',
		schema: learnerHelpData,
	}),
	defineEvent({
		name: 'nutror.certificate_viewed',
		product: 'nutror',
		displayName: 'Certificate Viewed',
		description: 'A learner opened a course certificate (Certificado Visualizado).',
		schema: certificateViewedData,
	}),
	defineEvent({
		name: 'nutror.community_viewed',
		product: 'nutror',
		displayName: 'Community Viewed',
		description: 'A learner opened the link of a course community (Comunidade Visualizada).',
		schema: communityViewedData,
	}),
	defineEvent({
		name: 'nutror.inactive_student',
		product: 'nutror',
		displayName: 'Student Became Inactive',
		description: 'A learner became inactive in a course (Aluno Inativo).',
		schema: inactiveStudentData,
	}),
];
