// Shared Jest set-up: SWC compiles TypeScript (with decorator metadata, which Nest's DI needs)
// and @logad/* resolves to each lib's source so tests never depend on a prior build.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  // Tests and hooks that start real servers on a loaded 2-core machine: more than Jest's 5 s default.
  // Suites that need longer still say so with jest.setTimeout.
  testTimeout: 20_000,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@logad/(.*)$': path.join(__dirname, 'libs/$1/src/index.ts'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
