// `npx tsx tools/workspace/scripts/affected.ts libs/events/src/sources.ts` prints the projects
// whose tests `nx affected -t test` would run after a change to those files.
import { affectedProjects } from '../src';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npx tsx tools/workspace/scripts/affected.ts <changed file>...');
  process.exit(2);
}
console.log(affectedProjects(files, 'test').join('\n'));
