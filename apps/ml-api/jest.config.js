module.exports = { ...require('../../jest.preset.js'), displayName: 'ml-api', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'] };
