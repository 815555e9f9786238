import { compileTargetInput } from '../../src/event-bridge/target-input';

// The input transformer examples of the EventBridge user guide ("Amazon EventBridge input
// transformation"), on an EC2 state-change event.
const event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', tags: { team: 'a "quoted" team' } },
};
const rule = { ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r', ruleName: 'r' };
const where = 'rule R target T';

describe('target input', () => {
  it('is the whole event by default', () => {
    expect(JSON.parse(compileTargetInput({}, where)(event, rule))).toEqual(event);
  });

  it('is a constant with Input', () => {
    expect(compileTargetInput({ Input: '{"fixed":1}' }, where)(event, rule)).toBe('{"fixed":1}');
  });

  it('is a part of the event with InputPath', () => {
    const input = compileTargetInput({ InputPath: "$.detail['instance-id']" }, where);
    expect(input(event, rule)).toBe('"i-0123456789"');
    expect(compileTargetInput({ InputPath: '$.resources[0]' }, where)(event, rule)).toBe(
      JSON.stringify(event.resources[0]),
    );
  });

  it('fills a JSON template: strings inside quotes as text, values outside as JSON', () => {
    const input = compileTargetInput(
      {
        InputTransformer: {
          InputPathsMap: {
            instance: '$.detail.instance-id',
            state: '$.detail.state',
            tags: '$.detail.tags',
            missing: '$.detail.nothing',
          },
          InputTemplate:
            '{"instance": <instance>, "state": "<state>", "tags": <tags>, "note": "<instance> is <state>", "gone": <missing>, "rule": "<aws.events.rule-arn>"}',
        },
      },
      where,
    );
    expect(JSON.parse(input(event, rule))).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
      tags: { team: 'a "quoted" team' },
      note: 'i-0123456789 is RUNNING',
      gone: null,
      rule: rule.ruleArn,
    });
  });

  it('fills a string template, keeping its quotes, as EventBridge does', () => {
    const input = compileTargetInput(
      {
        InputTransformer: {
          InputPathsMap: { instance: '$.detail.instance-id', state: '$.detail.state' },
          InputTemplate: '"instance <instance> is in <state>"',
        },
      },
      where,
    );
    expect(input(event, rule)).toBe('"instance i-0123456789 is in RUNNING"');
  });

  it('refuses settings PutTargets refuses, naming the target', () => {
    expect(() => compileTargetInput({ Input: '{', InputPath: '$' }, where)).toThrow(
      'rule R target T: only one of Input, InputPath and InputTransformer may be set',
    );
    expect(() => compileTargetInput({ Input: 'not json' }, where)).toThrow(
      'Input must be valid JSON',
    );
    expect(() => compileTargetInput({ InputPath: 'detail' }, where)).toThrow(
      'not a valid JSONPath',
    );
    expect(() =>
      compileTargetInput(
        { InputTransformer: { InputPathsMap: { 'aws.x': '$' }, InputTemplate: '<aws.x>' } },
        where,
      ),
    ).toThrow('reserved prefix');
  });
});
