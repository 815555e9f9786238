import { aslToMermaid, type AslDefinition } from '../src/diagrams/asl-to-mermaid';

describe('aslToMermaid', () => {
  it('draws states, transitions, choice rules, catches, retries and end states', () => {
    const definition: AslDefinition = {
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Next: 'Route',
          Retry: [{ ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 2, BackoffRate: 3 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Give up' }],
        },
        Route: {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.count', NumericGreaterThan: 2 },
                { Not: { Variable: '$.name', StringEquals: 'x' } },
              ],
              Next: 'Done',
            },
            { Variable: '$.extra', IsPresent: true, Next: 'Give up' },
          ],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
        'Give up': { Type: 'Fail' },
      },
    };

    expect(aslToMermaid(definition)).toBe(
      [
        'stateDiagram-v2',
        '  Check : Task lambda:invoke',
        '  Route : Choice',
        '  Done : Succeed',
        '  state "Give up" as Give_up',
        '  Give_up : Fail',
        '  [*] --> Check',
        '  Check --> Route',
        '  Check --> Give_up : catch States.ALL',
        "  Route --> Done : ($.count > 2) and (not ($.name == 'x'))",
        '  Route --> Give_up : $.extra is present',
        '  Route --> Done : otherwise',
        '  Done --> [*]',
        '  Give_up --> [*]',
        '  note right of Check',
        '    retry Lambda.ServiceException (×2, backoff 3)',
        '  end note',
        '  classDef failure fill:#fde2e1,stroke:#b42318',
        '  class Give_up failure',
      ].join('\n'),
    );
  });

  it('draws the branches of a Parallel state inside it', () => {
    const definition: AslDefinition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
          ],
        },
      },
    };

    expect(aslToMermaid(definition).split('\n')).toEqual([
      'stateDiagram-v2',
      '  state Both {',
      '    A : Pass',
      '    [*] --> A',
      '    A --> [*]',
      '    --',
      '    B : Pass',
      '    [*] --> B',
      '    B --> [*]',
      '  }',
      '  Both : Parallel',
      '  [*] --> Both',
      '  Both --> [*]',
    ]);
  });

  it('refuses a Choice rule it cannot describe instead of drawing a wrong label', () => {
    const definition: AslDefinition = {
      StartAt: 'Route',
      States: {
        Route: { Type: 'Choice', Choices: [{ Variable: '$.x', Unknown: 1, Next: 'Done' }] },
        Done: { Type: 'Succeed' },
      },
    };

    expect(() => aslToMermaid(definition)).toThrow(/Unsupported Choice rule/);
  });
});
