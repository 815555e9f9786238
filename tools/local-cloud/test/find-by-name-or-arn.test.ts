import { findByNameOrArn } from '../src/assembly/find-by-name-or-arn';

const secrets = [
  { name: 'db', arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf' },
  { name: 'db-old', arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-old-GhIjKl' },
];
const identifiers = (secret: (typeof secrets)[number]) => ({
  ...secret,
  partialArn: secret.arn.replace(/-[A-Za-z]{6}$/, ''),
});

describe('findByNameOrArn', () => {
  it.each([
    ['db', 'db'],
    ['arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf', 'db'],
    ['arn:aws:secretsmanager:us-east-1:000000000000:secret:db', 'db'],
    ['arn:aws:secretsmanager:us-east-1:000000000000:secret:db-old', 'db-old'],
  ])('finds %s', (identifier, name) => {
    expect(findByNameOrArn(secrets, identifier, identifiers)?.name).toBe(name);
  });

  it.each([
    'd',
    'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdE',
    'arn:aws:secretsmanager:us-east-1:000000000001:secret:db-AbCdEf',
  ])('finds nothing for %s', (identifier) => {
    expect(findByNameOrArn(secrets, identifier, identifiers)).toBeUndefined();
  });
});
