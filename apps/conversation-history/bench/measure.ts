// Measured by conversation-history.bench.ts, which bundles this file first (see there).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

import { apiGatewayRestEvent, lambdaContext, sqsEvent } from '@booktrip/test-kit';
import type { BenchRow } from '@booktrip/workspace';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { recordEvents } from '../src/handlers/record-events';
import { listMessages } from '../src/handlers/list-messages';
import { ALICE, cursors, signImageUrl } from '../test/support/api';
import { timeline } from '../test/support/entries';
import { events } from '../test/support/events';
import { startDynamoDbLocal } from '@booktrip/local-cloud';
import { createHistoryTable, seedEntries } from '../test/support/history-table';

const READS = 300;
const PAGE = '50';
const EVENTS = 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const db = await startDynamoDbLocal();
  try {
    const table = await createHistoryTable(db);
    const conversationId = randomUUID();
    await table.repository.createConversation({ conversationId, ownerId: ALICE });
    await seedEntries(table, timeline(conversationId, 1000, ALICE));
    const deps = { repository: table.repository, cursors, signImageUrl };

    // Reads: walk the 20 pages of 50 again and again, as a page scrolling back would.
    const latencies: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < READS + 20; i++) {
      const request = apiGatewayRestEvent({
        method: 'GET',
        resource: '/v1/conversations/{id}/messages',
        pathParameters: { id: conversationId },
        query: { limit: PAGE, ...(cursor ? { cursor } : {}) },
        identityId: ALICE,
      });
      const started = performance.now();
      const response = await listMessages(request, deps);
      const elapsed = performance.now() - started;
      if (response.statusCode !== 200)
        throw new Error(`GET messages answered ${response.statusCode}`);
      if (i >= 20) latencies.push(elapsed); // the first pass warms the JIT and the emulator
      cursor = (JSON.parse(response.body) as { nextCursor?: string }).nextCursor;
    }
    latencies.sort((a, b) => a - b);

    // Writes: SQS batches of 10 across 20 conversations, as the event source mapping sends them.
    const conversations = Array.from({ length: 20 }, () => randomUUID());
    const bodies = Array.from({ length: EVENTS }, (_, i) => {
      const id = conversations[i % conversations.length]!;
      if (i % 2 === 0) return events.turn(id);
      // Each a new upload: the same object version twice would be recorded once.
      const flipped = events.flipped(id);
      flipped.detail.data.source.versionId = `v${i}`;
      return flipped;
    });
    const started = performance.now();
    for (let i = 0; i < bodies.length; i += 10) {
      const result = await recordEvents(sqsEvent(bodies.slice(i, i + 10)), lambdaContext(), {
        repository: table.repository,
      });
      if (result.batchItemFailures.length > 0) throw new Error('a batch reported failures');
    }
    const seconds = (performance.now() - started) / 1000;

    const rows: BenchRow[] = [
      {
        name: 'GET /v1/conversations/{id}/messages page of 50, 1 000 entries: p50',
        value: percentile(latencies, 50),
        unit: 'ms',
      },
      {
        name: 'GET /v1/conversations/{id}/messages page of 50, 1 000 entries: p99',
        value: percentile(latencies, 99),
        unit: 'ms',
        comparedWith: `${READS} reads, DynamoDB Local`,
      },
      {
        name: 'consumer throughput (SQS batches of 10, transactional writes)',
        value: EVENTS / seconds,
        unit: 'events/s',
        comparedWith: `${EVENTS} events, one handler at a time`,
      },
    ];
    // The launcher reports them: bundled, @booktrip/workspace would run its own CLI entry.
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } finally {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
