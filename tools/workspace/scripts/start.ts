// `npm start`: the local cloud — synthesizes every service for the `local` stage (Nx-cached),
// then runs what the assemblies declare on one edge port (4566) and the web port (3000).
// Flags pass through: `npm start -- --port 0 --persist .local-cloud --verbose`.
import { runCli } from '@booktrip/local-cloud';
import { join } from 'node:path';

runCli(process.argv.slice(2), join(__dirname, '..', '..', '..')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
