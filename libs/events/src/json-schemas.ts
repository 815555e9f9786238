import { z } from 'zod';
import { catalogue } from './catalogue';

/**
 * One JSON Schema (draft 2020-12) per contract, for the EventBridge schema registry and other
 * teams. `nx run events:schemas` writes them to libs/events/schemas.
 */
export function contractJsonSchemas(): Record<string, object> {
  return Object.fromEntries(
    Object.values(catalogue).map((contract) => {
      const fileName = `${contract.source}@${contract.detailType.replaceAll(' ', '')}`;
      return [
        fileName,
        {
          ...z.toJSONSchema(contract.detail, { target: 'draft-2020-12', io: 'input' }),
          title: contract.detailType,
          description: `detail of "${contract.detailType}" events from ${contract.source}`,
          'x-source': contract.source,
          'x-detail-type': contract.detailType,
        },
      ];
    }),
  );
}
