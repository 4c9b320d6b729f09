module.exports = { ...require('../../jest.preset.js'), displayName: 'ingest-api', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'] };
