const os = require('node:os');

/** @type {import('jest').Config} */
const tsJest = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
};

const common = {
	testEnvironment: 'node',
	transform: tsJest,
	// dist/ holds a copy of package.json and the compiled node; tests use the sources.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/', '<rootDir>/.n8n-dev/'],
};

module.exports = {
	// At least two workers, also on a 2-core machine (jest's default there is one): the unit suite
	// mixes CPU-bound files (properties.test.ts) with files that mostly wait on real timers (the
	// "Listen for test event" sample delay), and one worker runs them back to back. The e2e, queue
	// and ui runs pass --runInBand.
	maxWorkers: Math.max(2, os.availableParallelism() - 1),
	projects: [
		{
			// Fast tests: pure modules, the node's webhook()/hook methods on mocked n8n contexts,
			// and the fake Eduzz server (tooling/fakeEduzz.js). No n8n process.
			...common,
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
		},
		{
			// Real n8n (both pinned versions) with the packed package installed; see test/e2e/harness.ts.
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
			// testTimeout is not a per-project option in jest; the setup file raises it for e2e only.
			setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
		},
		{
			// Queue mode: PostgreSQL + Redis + n8n main, 2 webhook processes, 1 worker; see tooling/queueStack.js.
			...common,
			displayName: 'queue',
			testMatch: ['<rootDir>/test/queue/**/*.e2e.test.ts'],
		},
		{
			// What a new user does in the editor, in headless Chromium (both pinned n8n versions); see
			// test/ui/newUser.ui.test.ts.
			...common,
			displayName: 'ui',
			testMatch: ['<rootDir>/test/ui/**/*.ui.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/ui/setup.ts'],
		},
	],
};
