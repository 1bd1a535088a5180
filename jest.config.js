/** @type {import('jest').Config} */
const tsJest = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }],
};

module.exports = {
	projects: [
		{
			// Fast tests: pure modules, the node's webhook()/hook methods on mocked n8n contexts,
			// and the fake Eduzz server. No n8n process.
			displayName: 'unit',
			testEnvironment: 'node',
			transform: tsJest,
			testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/fake/**/*.test.js'],
		},
		{
			// Real n8n (both pinned versions) with the packed package installed; see test/support/n8nRuntime.js.
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: tsJest,
			testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.js'],
			testTimeout: 15 * 60 * 1000,
		},
	],
};
