import { affectedProjects, projectGraph, withDependents } from '../src';

describe('nx affected', () => {
  jest.setTimeout(60_000);

  it('runs the tests of libs/events and of its dependents only after a change there', () => {
    const graph = projectGraph();

    const affected = affectedProjects(['libs/events/src/sources.ts'], 'test');

    expect(affected).toEqual(withDependents(graph, 'events'));
    expect(affected).toContain('events');
    expect(affected).toContain('lex-fulfilment');
  });

  it('leaves projects that do not depend on the changed lib alone', () => {
    // bot-model is used by the Lex service only: nothing else is retested.
    expect(affectedProjects(['libs/bot-model/src/names.ts'], 'test')).toEqual([
      'bot-model',
      'infra-lex-bot',
      'lex-fulfilment',
    ]);
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
