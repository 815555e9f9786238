// Writes one JSON Schema per contract into libs/events/schemas (run: nx run events:schemas) and
// deletes the schema of a contract that no longer exists. Review the diff before committing.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractJsonSchemas } from '../src/json-schemas';

const outDir = join(__dirname, '..', 'schemas');
mkdirSync(outDir, { recursive: true });
const schemas = contractJsonSchemas();
for (const [name, schema] of Object.entries(schemas)) {
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote schemas/${name}.json`);
}
for (const file of readdirSync(outDir)) {
  if (file.endsWith('.json') && !(file.slice(0, -'.json'.length) in schemas)) {
    rmSync(join(outDir, file));
    console.log(`deleted schemas/${file} (no such contract any more)`);
  }
}
