import { z } from 'zod/v3';

import {
	alpaclassCourse,
	alpaclassLesson,
	alpaclassModule,
	alpaclassStudent,
	alpaclassTeam,
	looseObject,
} from './common';
import { defineEvent } from './types';

/** Events about a whole course. */
const courseShape = {
	student: alpaclassStudent,
	course: alpaclassCourse,
	team: alpaclassTeam,
};

/** Events about a module of a course. */
const moduleShape = {
	student: alpaclassStudent,
	module: alpaclassModule,
	course: alpaclassCourse,
	team: alpaclassTeam,
};

/** Events about a lesson of a module. */
const lessonShape = {
	student: alpaclassStudent,
	lesson: alpaclassLesson,
	module: alpaclassModule,
	course: alpaclassCourse,
	team: alpaclassTeam,
};

const progress = z
	.number()
	.describe("Student's overall progress in the lesson's course, in percent (e.g. 50).");

const studentCreatedData = looseObject(
	{
		student: alpaclassStudent
			.extend({
				document: z.string().describe('Student document number (usually a CPF).'),
				phone: z.string().describe('Student phone or mobile number.'),
				createdAt: z.string().describe('When the student was registered in the school (ISO 8601).'),
				locale: z.string().describe('Student locale, e.g. pt_BR.'),
			})
			.describe('The student who was registered.'),
		team: alpaclassTeam,
	},
	'Payload of alpaclass.student_created: a student was registered in the school.',
);

const studentCourseLastSeenData = looseObject(
	courseShape,
	"Payload of alpaclass.student_course_last_seen: the student's latest access to a course.",
);

const studentLessonLastSeenData = looseObject(
	lessonShape,
	"Payload of alpaclass.student_lesson_last_seen: the student's latest access to a lesson.",
);

const studentLessonFinishedData = looseObject(
	{ progress, ...lessonShape },
	'Payload of alpaclass.student_lesson_finished: the student marked a lesson as completed.',
);

const studentLessonUnfinishedData = looseObject(
	{ progress, ...lessonShape },
	'Payload of alpaclass.student_lesson_unfinished: the student unmarked a lesson as completed.',
);

const studentModuleFinishedData = looseObject(
	moduleShape,
	'Payload of alpaclass.student_module_finished: the student finished a module.',
);

const studentModuleUnfinishedData = looseObject(
	moduleShape,
	'Payload of alpaclass.student_module_unfinished: the student unmarked a module as finished.',
);

const studentCourseFinishedData = looseObject(
	courseShape,
	'Payload of alpaclass.student_course_finished: the student finished a course.',
);

const studentCourseUnfinishedData = looseObject(
	courseShape,
	'Payload of alpaclass.student_course_unfinished: the student unmarked a course as finished.',
);

const studentLessonMarkedAsFavoriteData = looseObject(
	lessonShape,
	'Payload of alpaclass.student_lesson_marked_as_favorite: the student favorited a lesson.',
);

const studentLessonUnmarkedAsFavoriteData = looseObject(
	lessonShape,
	'Payload of alpaclass.student_lesson_unmarked_as_favorite: the student unfavorited a lesson.',
);

const studentCommentCreatedData = looseObject(
	{
		...lessonShape,
		comment: z.string().describe('Text of the comment.'),
	},
	'Payload of alpaclass.student_comment_created: the student commented on a lesson.',
);

const studentCertificateAccessedData = looseObject(
	{
		...courseShape,
		certificateUrl: z.string().describe('URL of the certificate (PDF).'),
	},
	'Payload of alpaclass.student_certificate_accessed: the student opened a course certificate.',
);

/** In the student's journey order: registration, access, progress, favorites, comments, certificate. */
export const alpaclassEvents = [
	defineEvent({
		name: 'alpaclass.student_created',
		product: 'alpaclass',
		displayName: 'Student Registered in the School',
		description: 'A student was registered in the school (Aluno foi cadastrado na escola).',
		schema: studentCreatedData,
	}),
	defineEvent({
		name: 'alpaclass.student_course_last_seen',
		product: 'alpaclass',
		displayName: 'Student Accessed a Course',
		description:
			"A student accessed a course, updating the student's last access (Último acesso do aluno no curso).",
		schema: studentCourseLastSeenData,
	}),
	defineEvent({
		name: 'alpaclass.student_lesson_last_seen',
		product: 'alpaclass',
		displayName: 'Student Accessed a Lesson',
		description:
			"A student accessed a lesson, updating the student's last access (Último acesso do aluno na aula).",
		schema: studentLessonLastSeenData,
	}),
	defineEvent({
		name: 'alpaclass.student_lesson_finished',
		product: 'alpaclass',
		displayName: 'Student Marked a Lesson as Completed',
		description: 'A student marked a lesson as completed (Aluno marcou a aula como concluída).',
		schema: studentLessonFinishedData,
	}),
	defineEvent({
		name: 'alpaclass.student_lesson_unfinished',
		product: 'alpaclass',
		displayName: 'Student Unmarked a Lesson as Completed',
		description:
			'A student unmarked a lesson as completed (Aluno desmarcou a aula como concluída).',
		schema: studentLessonUnfinishedData,
	}),
	defineEvent({
		name: 'alpaclass.student_module_finished',
		product: 'alpaclass',
		displayName: 'Student Finished a Module',
		description: 'A student finished a module (Aluno finalizou um módulo).',
		schema: studentModuleFinishedData,
	}),
	defineEvent({
		name: 'alpaclass.student_module_unfinished',
		product: 'alpaclass',
		displayName: 'Student Unmarked a Module as Finished',
		description:
			'A student unmarked a module as finished (Aluno desmarcou um módulo como finalizado).',
		schema: studentModuleUnfinishedData,
	}),
	defineEvent({
		name: 'alpaclass.student_course_finished',
		product: 'alpaclass',
		displayName: 'Student Finished a Course',
		description: 'A student finished a course (Aluno finalizou o curso).',
		schema: studentCourseFinishedData,
	}),
	defineEvent({
		name: 'alpaclass.student_course_unfinished',
		product: 'alpaclass',
		displayName: 'Student Unmarked a Course as Finished',
		description:
			'A student unmarked a course as finished (Aluno desmarcou a finalização do curso).',
		schema: studentCourseUnfinishedData,
	}),
	defineEvent({
		name: 'alpaclass.student_lesson_marked_as_favorite',
		product: 'alpaclass',
		displayName: 'Student Marked a Lesson as Favorite',
		description: 'A student added a lesson to their favorites (Aluno favoritou a aula).',
		schema: studentLessonMarkedAsFavoriteData,
	}),
	defineEvent({
		name: 'alpaclass.student_lesson_unmarked_as_favorite',
		product: 'alpaclass',
		displayName: 'Student Unmarked a Lesson as Favorite',
		description: 'A student removed a lesson from their favorites (Aluno desfavoritou a aula).',
		schema: studentLessonUnmarkedAsFavoriteData,
	}),
	defineEvent({
		name: 'alpaclass.student_comment_created',
		product: 'alpaclass',
		displayName: 'Student Commented on a Lesson',
		description: 'A student commented on a lesson (Aluno comentou em uma aula).',
		schema: studentCommentCreatedData,
	}),
	defineEvent({
		name: 'alpaclass.student_certificate_accessed',
		product: 'alpaclass',
		displayName: 'Student Accessed a Certificate',
		description: 'A student opened the certificate of a course (Aluno acessou o certificado).',
		schema: studentCertificateAccessedData,
	}),
];
