// One Jest run over every project; each project's own jest.config.js names its suites.
module.exports = {
  projects: ['<rootDir>/libs/*/jest.config.js', '<rootDir>/apps/*/jest.config.js', '<rootDir>/tools/jest.config.js'],
  // Suites share one Redis and a 2-core machine: two workers keep the run predictable.
  maxWorkers: 2,
};
