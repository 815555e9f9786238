import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../src/api/openapi';
import { routes } from '../src/api/routes';

const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  paths: Record<
    string,
    Record<string, { parameters: { name: string; in: string; required: boolean }[] }>
  >;
};

describe('the published OpenAPI document', () => {
  it('equals the one generated from the zod schemas (run `nx run conversation-history:openapi`)', () => {
    expect(committed).toEqual(openApiDocument());
  });

  it('describes every route under /v1, so a /v2 can live beside it', () => {
    const operations = Object.entries(committed.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect(operations.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    expect(operations.every((operation) => operation.includes(' /v1/'))).toBe(true);
  });

  it('marks the path id required and the paging parameters optional', () => {
    const parameters = committed.paths['/v1/conversations/{id}/messages']?.get?.parameters ?? [];

    expect(parameters.map(({ name, in: where, required }) => ({ name, where, required }))).toEqual([
      { name: 'id', where: 'path', required: true },
      { name: 'limit', where: 'query', required: false },
      { name: 'cursor', where: 'query', required: false },
      { name: 'order', where: 'query', required: false },
      { name: 'kind', where: 'query', required: false },
    ]);
  });
});
