import { z } from 'zod';
import { catalogue } from './catalogue';

/** What a JSON Schema is made from: the contract's routing fields and its detail schema. */
export interface SchemaSource {
  readonly source: string;
  readonly detailType: string;
  readonly detail: z.ZodType;
}

/** `booktrip.lex-fulfilment@ReservationRequested`: the file name (without .json) of a schema. */
export function schemaName(contract: Pick<SchemaSource, 'source' | 'detailType'>): string {
  return `${contract.source}@${contract.detailType.replaceAll(' ', '')}`;
}

/** The JSON Schema (draft 2020-12) of a contract's `detail`, as producers must send it. */
export function contractJsonSchema(contract: SchemaSource): Record<string, unknown> {
  return {
    ...z.toJSONSchema(contract.detail, { target: 'draft-2020-12', io: 'input' }),
    title: contract.detailType,
    description: `detail of "${contract.detailType}" events from ${contract.source}`,
    'x-source': contract.source,
    'x-detail-type': contract.detailType,
  };
}

/**
 * One JSON Schema per contract, keyed by `schemaName`, for the EventBridge schema registry and
 * other teams. `nx run events:schemas` writes them to libs/events/schemas, where a test compares
 * them with the contracts so that every contract change shows up as a reviewed diff.
 */
export function contractJsonSchemas(
  contracts: Readonly<Record<string, SchemaSource>> = catalogue,
): Record<string, object> {
  return Object.fromEntries(
    Object.values(contracts).map((contract) => [
      schemaName(contract),
      contractJsonSchema(contract),
    ]),
  );
}
