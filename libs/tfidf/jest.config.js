module.exports = { ...require('../../jest.preset.js'), displayName: 'tfidf', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
