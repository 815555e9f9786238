// Regenerates openapi.json from the routes' zod schemas: `nx run conversation-history:openapi`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { openApiDocument } from '../src/api/openapi';

async function main(): Promise<void> {
  const file = join(__dirname, '..', 'openapi.json');
  // Formatted as `npm run format` would, so regenerating never shows up as a diff by itself.
  const options = { ...(await resolveConfig(file)), filepath: file };
  writeFileSync(file, await format(JSON.stringify(openApiDocument()), options));
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
