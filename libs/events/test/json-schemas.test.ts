import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { contractJsonSchemas, defineEvent, ReservationRequested, schemaName } from '../src';

// The STS schema-testing idea: the committed JSON Schemas are the published contract, so any
// change to a contract must show up as a reviewed diff of libs/events/schemas.
const SCHEMAS_DIR = join(__dirname, '..', 'schemas');
const REGENERATE =
  'run `npx nx run events:schemas` and review the contract change in the diff ' +
  '(a removed or newly required field breaks consumers or producers)';

function committedSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    readdirSync(SCHEMAS_DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        file.slice(0, -'.json'.length),
        JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')),
      ]),
  );
}

/** Differences between two sets of schemas, each as a sentence saying what to do. */
function schemaDrift(expected: Record<string, unknown>, committed: Record<string, unknown>) {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(committed)])].sort();
  return names.flatMap((name) => {
    if (!(name in committed)) return [`schemas/${name}.json is missing: ${REGENERATE}`];
    if (!(name in expected))
      return [`schemas/${name}.json has no contract any more: ${REGENERATE}`];
    return isDeepStrictEqual(expected[name], committed[name])
      ? []
      : [`schemas/${name}.json differs from its contract: ${REGENERATE}`];
  });
}

describe('committed JSON Schemas', () => {
  it('equal the schemas generated from the contracts', () => {
    expect(schemaDrift(contractJsonSchemas(), committedSchemas())).toEqual([]);
  });

  it('catch a breaking change: a contract that drops a required field no longer matches', () => {
    const weakened = defineEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      ReservationRequested.data.omit({ price: true }),
    );

    const drift = schemaDrift(contractJsonSchemas({ ReservationRequested: weakened }), {
      [schemaName(ReservationRequested)]: committedSchemas()[schemaName(ReservationRequested)],
    });

    expect(drift).toEqual([
      `schemas/booktrip.lex-fulfilment@ReservationRequested.json differs from its contract: ${REGENERATE}`,
    ]);
  });

  it('catch an additive change too, so that every contract change gets reviewed', () => {
    const extended = defineEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      ReservationRequested.data.extend({ promoCode: z.string().optional() }),
    );

    const drift = schemaDrift(contractJsonSchemas({ ReservationRequested: extended }), {
      [schemaName(ReservationRequested)]: committedSchemas()[schemaName(ReservationRequested)],
    });

    expect(drift).toHaveLength(1);
  });

  it('require reservationId, reservation and price in Reservation Requested', () => {
    const schema = committedSchemas()[schemaName(ReservationRequested)] as {
      required: string[];
      properties: {
        metadata: { required: string[] };
        data: { required: string[]; properties: Record<string, unknown> };
      };
      'x-source': string;
      'x-detail-type': string;
    };

    expect(schema.required).toEqual(['metadata', 'data']);
    expect(schema.properties.metadata.required).toEqual([
      'correlationId',
      'producedAt',
      'schemaVersion',
    ]);
    expect(schema.properties.data.required).toEqual(['reservationId', 'reservation', 'price']);
    expect(schema['x-source']).toBe('booktrip.lex-fulfilment');
    expect(schema['x-detail-type']).toBe('Reservation Requested');
  });

  it('name each file <source>@<DetailTypeWithoutSpaces>', () => {
    expect(schemaName(ReservationRequested)).toBe('booktrip.lex-fulfilment@ReservationRequested');
  });
});
