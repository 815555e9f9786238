// Writes one JSON Schema per contract into libs/events/schemas (run: nx run events:schemas).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractJsonSchemas } from '../src/json-schemas';

const outDir = join(__dirname, '..', 'schemas');
mkdirSync(outDir, { recursive: true });
for (const [name, schema] of Object.entries(contractJsonSchemas())) {
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote schemas/${name}.json`);
}
