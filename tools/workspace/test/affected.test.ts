import { affectedProjects, projectGraph, withDependents } from '../src';

describe('nx affected', () => {
  jest.setTimeout(60_000);

  it('runs the tests of libs/events and of its dependents only after a change there', () => {
    const graph = projectGraph();

    const affected = affectedProjects(['libs/events/src/sources.ts'], 'test');

    expect(affected).toEqual(withDependents(graph, 'events'));
    expect(affected).toContain('events');
    expect(affected).toContain('lex-fulfilment');
    // Projects that do not import the contracts are left alone.
    for (const untouched of ['lambda-kit', 'constructs', 'workspace']) {
      expect(affected).not.toContain(untouched);
    }
  });

  it('shows every project with its type and scope tags in the graph', () => {
    const graph = projectGraph();

    for (const [name, node] of Object.entries(graph.nodes)) {
      const tags = node.data.tags ?? [];
      expect({ name, type: tags.some((tag) => /^type:(app|lib|infra|tool)$/.test(tag)) }).toEqual({
        name,
        type: true,
      });
      expect({ name, scope: tags.some((tag) => tag.startsWith('scope:')) }).toEqual({
        name,
        scope: true,
      });
    }
    expect(Object.keys(graph.nodes)).toEqual(
      expect.arrayContaining(['events', 'lambda-kit', 'test-kit', 'bot-model', 'infra-platform']),
    );
  });
});
