#!/usr/bin/env node
// `npx local-cloud …`: the package ships TypeScript sources, run through tsx's require hook.
require('tsx/cjs');
const { runCli } = require('../src/cli/main.ts');

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
