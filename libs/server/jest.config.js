module.exports = { ...require('../../jest.preset.js'), displayName: 'server', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
