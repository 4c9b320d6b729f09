module.exports = { ...require('../../jest.preset.js'), displayName: 'iforest', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
