import {
  compileEventPattern,
  InvalidEventPatternError,
  matchesEventPattern,
} from '../../src/event-bridge/match-event-pattern';

// Examples from the EventBridge user guide's "Content filtering in Amazon EventBridge event
// patterns" and "Creating event patterns" pages, plus event-ruler's README where the guide is
// silent. Each row: pattern, event, expected.
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: {
    'instance-id': 'i-1234567890abcdef0',
    state: 'terminated',
    'c-count': 5,
    'd-count': 4.2,
    'x-limit': 301.8,
    'source-ip': '10.0.0.123',
    'ipv6-address': '2001:db8:85a3::8a2e:370:7334',
    filename: 'upload/photo.PNG',
    location: null,
    empty: '',
    tags: ['blue', 'green'],
    employees: [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
    ],
    nested: { level: { deep: 'yes' } },
  },
};

type Row = [name: string, pattern: unknown, expected: boolean];

const rows: Row[] = [
  // Exact values and top-level fields
  ['source exact', { source: ['aws.ec2'] }, true],
  ['source other', { source: ['aws.s3'] }, false],
  ['value list is an or', { source: ['aws.s3', 'aws.ec2'] }, true],
  ['several fields are an and', { source: ['aws.ec2'], 'detail-type': ['Other'] }, false],
  ['case sensitive', { source: ['AWS.EC2'] }, false],
  ['array field: any element', { resources: [ec2Event.resources[0]] }, true],
  ['array field: no element', { detail: { tags: ['red'] } }, false],
  ['array field: one of the elements', { detail: { tags: ['red', 'green'] } }, true],
  ['nested field', { detail: { nested: { level: { deep: ['yes'] } } } }, true],
  ['number exact', { detail: { 'c-count': [5] } }, true],
  ['number matches by value', { detail: { 'c-count': [5.0] } }, true],
  ['number pattern does not match a string', { detail: { 'instance-id': [5] } }, false],
  ['string pattern does not match a number', { detail: { 'c-count': ['5'] } }, false],
  ['null matches null', { detail: { location: [null] } }, true],
  ['null does not match a missing field', { detail: { missing: [null] } }, false],
  ['empty string matches empty string', { detail: { empty: [''] } }, true],
  ['empty string does not match null', { detail: { location: [''] } }, false],
  ['missing field fails an exact match', { detail: { missing: ['x'] } }, false],
  // Prefix / suffix / equals-ignore-case
  ['prefix', { time: [{ prefix: '2017-12-22' }] }, true],
  ['prefix no', { time: [{ prefix: '2018' }] }, false],
  ['prefix equals-ignore-case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, true],
  ['prefix is case sensitive', { source: [{ prefix: 'AWS.' }] }, false],
  ['suffix', { detail: { filename: [{ suffix: '.PNG' }] } }, true],
  ['suffix no', { detail: { filename: [{ suffix: '.png' }] } }, false],
  [
    'suffix equals-ignore-case',
    { detail: { filename: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    true,
  ],
  ['equals-ignore-case', { source: [{ 'equals-ignore-case': 'AWS.Ec2' }] }, true],
  ['equals-ignore-case no', { source: [{ 'equals-ignore-case': 'aws.ec' }] }, false],
  ['prefix never matches a number', { detail: { 'c-count': [{ prefix: '5' }] } }, false],
  // Wildcard
  ['wildcard', { detail: { filename: [{ wildcard: 'upload/*.PNG' }] } }, true],
  ['wildcard several stars', { source: [{ wildcard: '*ws*c2' }] }, true],
  ['wildcard no', { detail: { filename: [{ wildcard: 'upload/*.jpg' }] } }, false],
  ['wildcard whole value', { source: [{ wildcard: 'aws' }] }, false],
  // Anything-but
  ['anything-but string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
  [
    'anything-but string excluded',
    { detail: { state: [{ 'anything-but': 'terminated' }] } },
    false,
  ],
  [
    'anything-but list',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    true,
  ],
  [
    'anything-but list excluded',
    { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } },
    false,
  ],
  ['anything-but number', { detail: { 'c-count': [{ 'anything-but': 6 }] } }, true],
  [
    'anything-but number list excluded',
    { detail: { 'c-count': [{ 'anything-but': [4, 5] }] } },
    false,
  ],
  ['anything-but prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, true],
  [
    'anything-but prefix excluded',
    { detail: { state: [{ 'anything-but': { prefix: 'term' } }] } },
    false,
  ],
  [
    'anything-but prefix list excluded',
    { detail: { state: [{ 'anything-but': { prefix: ['init', 'term'] } }] } },
    false,
  ],
  [
    'anything-but suffix',
    { detail: { 'instance-id': [{ 'anything-but': { suffix: '1234' } }] } },
    true,
  ],
  [
    'anything-but suffix excluded',
    { detail: { 'instance-id': [{ 'anything-but': { suffix: 'ef0' } }] } },
    false,
  ],
  [
    'anything-but suffix list excluded',
    { detail: { 'instance-id': [{ 'anything-but': { suffix: ['1234', 'def0'] } }] } },
    false,
  ],
  [
    'anything-but equals-ignore-case excluded',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'TERMINATED' } }] } },
    false,
  ],
  [
    'anything-but equals-ignore-case list',
    {
      detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] },
    },
    true,
  ],
  [
    'anything-but wildcard excluded',
    { detail: { filename: [{ 'anything-but': { wildcard: '*.PNG' } }] } },
    false,
  ],
  [
    'anything-but wildcard list',
    { detail: { filename: [{ 'anything-but': { wildcard: ['*/bin/*.jar', '*.class'] } }] } },
    true,
  ],
  ['anything-but needs the field', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
  [
    'anything-but on an array: one other element suffices',
    { detail: { tags: [{ 'anything-but': 'blue' }] } },
    true,
  ],
  // Numeric
  ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, true],
  ['numeric range upper bound', { detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } }, false],
  ['numeric less than', { detail: { 'd-count': [{ numeric: ['<', 10] }] } }, true],
  ['numeric equals with exponent', { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, true],
  ['numeric >=', { detail: { 'x-limit': [{ numeric: ['>=', 301.9] }] } }, false],
  ['numeric never matches a string', { detail: { 'instance-id': [{ numeric: ['>', 0] }] } }, false],
  // Exists
  ['exists true', { detail: { state: [{ exists: true }] } }, true],
  ['exists true missing', { detail: { missing: [{ exists: true }] } }, false],
  ['exists false missing', { detail: { missing: [{ exists: false }] } }, true],
  ['exists false present', { detail: { state: [{ exists: false }] } }, false],
  [
    'exists true on an intermediate node does not match',
    { detail: { nested: [{ exists: true }] } },
    false,
  ],
  [
    'exists false on an intermediate node matches',
    { detail: { nested: [{ exists: false }] } },
    true,
  ],
  [
    'exists false with missing parent',
    { detail: { absent: { child: [{ exists: false }] } } },
    true,
  ],
  ['exists true with missing parent', { detail: { absent: { child: [{ exists: true }] } } }, false],
  // CIDR
  ['cidr ipv4', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, true],
  ['cidr ipv4 outside', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, false],
  ['cidr ipv4 /8', { detail: { 'source-ip': [{ cidr: '10.0.0.0/8' }] } }, true],
  ['cidr ipv6', { detail: { 'ipv6-address': [{ cidr: '2001:db8:85a3::/64' }] } }, true],
  ['cidr ipv6 outside', { detail: { 'ipv6-address': [{ cidr: '2001:db9::/32' }] } }, false],
  ['cidr on a non-address', { detail: { state: [{ cidr: '10.0.0.0/8' }] } }, false],
  // $or
  [
    '$or one branch',
    { source: ['aws.ec2'], $or: [{ 'detail-type': ['x'] }, { detail: { state: ['terminated'] } }] },
    true,
  ],
  ['$or no branch', { $or: [{ 'detail-type': ['x'] }, { detail: { state: ['running'] } }] }, false],
  [
    '$or nested',
    {
      detail: {
        $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { 'd-count': [{ numeric: ['<', 5] }] }],
      },
    },
    true,
  ],
  // Arrays of objects: one element must match all fields (array-consistent, like EventBridge)
  ['object array element', { detail: { employees: { firstName: ['Anna'] } } }, true],
  [
    'object array same element',
    { detail: { employees: { firstName: ['Anna'], lastName: ['Smith'] } } },
    true,
  ],
  [
    'object array different elements',
    { detail: { employees: { firstName: ['Anna'], lastName: ['Doe'] } } },
    false,
  ],
  // Several matchers in one list are an or
  ['mixed list', { detail: { state: [{ prefix: 'run' }, 'terminated'] } }, true],
];

describe('matchesEventPattern', () => {
  it.each(rows)('%s', (_name, pattern, expected) => {
    expect(matchesEventPattern(pattern, ec2Event)).toBe(expected);
  });

  it('takes a pattern as JSON text, as the template holds it', () => {
    expect(matchesEventPattern(JSON.stringify({ source: ['aws.ec2'] }), ec2Event)).toBe(true);
  });

  it('matches a literal star escaped in a wildcard', () => {
    expect(matchesEventPattern({ a: [{ wildcard: 'x\\*y' }] }, { a: 'x*y' })).toBe(true);
    expect(matchesEventPattern({ a: [{ wildcard: 'x\\*y' }] }, { a: 'xzy' })).toBe(false);
    expect(matchesEventPattern({ a: [{ wildcard: 'x\\\\*' }] }, { a: 'x\\anything' })).toBe(true);
  });

  it('treats an empty event array as a missing field', () => {
    expect(matchesEventPattern({ a: [{ exists: false }] }, { a: [] })).toBe(true);
    expect(matchesEventPattern({ a: [{ exists: true }] }, { a: [] })).toBe(false);
  });

  it('never matches something that is not an object', () => {
    expect(matchesEventPattern({ a: [{ exists: false }] }, 'text')).toBe(false);
  });
});

describe('an invalid pattern', () => {
  const invalid: [string, unknown, RegExp][] = [
    ['not JSON', '{source:', /not valid JSON/],
    ['not an object', ['aws.ec2'], /must be a JSON object/],
    ['empty object', {}, /Empty objects/],
    ['scalar instead of array', { source: 'aws.ec2' }, /must be an array.*source/],
    ['empty array', { source: [] }, /Empty arrays.*source/],
    ['unknown operator', { source: [{ contains: 'ec2' }] }, /Unrecognized match type contains/],
    [
      'two operators in one object',
      { source: [{ prefix: 'a', suffix: 'b' }] },
      /exactly one operator/,
    ],
    ['prefix of a number', { source: [{ prefix: 5 }] }, /prefix match pattern must be a string/],
    [
      'exists not boolean',
      { source: [{ exists: 'yes' }] },
      /exists match pattern must be true or false/,
    ],
    ['numeric odd', { n: [{ numeric: ['>'] }] }, /operator\/value pairs/],
    ['numeric bad operator', { n: [{ numeric: ['!=', 1] }] }, /Unrecognized numeric operator/],
    ['numeric string bound', { n: [{ numeric: ['>', '1'] }] }, /must be a number/],
    [
      'numeric inverted range',
      { n: [{ numeric: ['>', 5, '<', 1] }] },
      /Bottom must be less than top/,
    ],
    ['numeric two lower bounds', { n: [{ numeric: ['>', 1, '>=', 2] }] }, /at most one lower/],
    [
      'anything-but mixed list',
      { s: [{ 'anything-but': ['a', 1] }] },
      /all strings or all numbers/,
    ],
    [
      'anything-but numeric',
      { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
      /Unsupported anything-but pattern numeric/,
    ],
    ['anything-but prefix number', { s: [{ 'anything-but': { prefix: 1 } }] }, /must be a string/],
    ['wildcard consecutive stars', { s: [{ wildcard: 'a**b' }] }, /Consecutive wildcard/],
    ['wildcard bad escape', { s: [{ wildcard: 'a\\b' }] }, /invalid escape/],
    ['cidr not an address', { ip: [{ cidr: '10.0.0/33' }] }, /Nonstandard IP address/],
    ['cidr prefix too long', { ip: [{ cidr: '10.0.0.0/33' }] }, /Nonstandard IP address/],
    ['nested array value', { s: [['a']] }, /Match value must be a string/],
  ];

  it.each(invalid)('is refused: %s', (_name, pattern, message) => {
    expect(() => compileEventPattern(pattern)).toThrow(InvalidEventPatternError);
    expect(() => compileEventPattern(pattern)).toThrow(message);
  });
});
