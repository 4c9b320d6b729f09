module.exports = { ...require('../../jest.preset.js'), displayName: 'sessions', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
