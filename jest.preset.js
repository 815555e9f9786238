// Shared Jest preset: @swc/jest transpiles TypeScript (type-checking is its own `typecheck`
// target), middy's ESM is transformed too.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  resolver: path.join(__dirname, 'tools/jest/resolver.js'),
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/dist/'],
  setupFilesAfterEnv: [path.join(__dirname, 'tools/jest/setup.js')],
};
