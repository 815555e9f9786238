import type { RequestListener } from 'node:http';
import type { LocalCloudOutputs } from './outputs';

/** What the status page shows beyond the outputs; each module that has it contributes. */
export interface StatusSources {
  outputs: () => LocalCloudOutputs;
  /** The last events put on each bus, newest first. */
  recentEvents?: () => { bus: string; time: string; source: string; detailType: string }[];
  /** Recent executions and their states. */
  recentExecutions?: () => {
    stateMachine: string;
    name: string;
    status: string;
    startDate: string;
  }[];
  /** Messages waiting in each queue that is some other queue's dead-letter queue. */
  dlqDepths?: () => Promise<{ queue: string; depth: number }[]>;
  functions?: () => { name: string; coldStarts: number; workers: number }[];
}

/** A plain HTML status page: resources by stack, recent events and executions, DLQ depths. */
export function statusPage(sources: StatusSources): RequestListener {
  return (request, response) => {
    if (request.url === '/favicon.ico') {
      response.writeHead(404).end();
      return;
    }
    render(sources)
      .then((html) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(html);
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(
          `Status page failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
  };
}

async function render(sources: StatusSources): Promise<string> {
  const outputs = sources.outputs();
  const sections: string[] = [];
  sections.push(
    `<p>Edge endpoint <code>${escape(outputs.endpoint)}</code> · region ${escape(outputs.region)} · account ${escape(outputs.accountId)} · admin credentials <code>${escape(outputs.adminCredentials.accessKeyId)}</code> / <code>${escape(outputs.adminCredentials.secretAccessKey)}</code></p>`,
  );
  for (const [stackName, stack] of Object.entries(outputs.stacks)) {
    sections.push(
      `<h2>${escape(stackName)}</h2>${table(
        ['logical id', 'type', 'physical id'],
        Object.entries(stack.resources).map(([id, r]) => [id, r.type, r.physicalId]),
      )}`,
    );
  }
  if (sources.functions) {
    sections.push(
      `<h2>Functions</h2>${table(
        ['function', 'cold starts', 'workers'],
        sources.functions().map((f) => [f.name, String(f.coldStarts), String(f.workers)]),
      )}`,
    );
  }
  if (sources.recentEvents) {
    sections.push(
      `<h2>Last events per bus</h2>${table(
        ['bus', 'time', 'source', 'detail type'],
        sources.recentEvents().map((e) => [e.bus, e.time, e.source, e.detailType]),
      )}`,
    );
  }
  if (sources.recentExecutions) {
    sections.push(
      `<h2>Recent executions</h2>${table(
        ['state machine', 'execution', 'status', 'started'],
        sources.recentExecutions().map((e) => [e.stateMachine, e.name, e.status, e.startDate]),
      )}`,
    );
  }
  if (sources.dlqDepths) {
    sections.push(
      `<h2>Dead-letter queues</h2>${table(
        ['queue', 'messages'],
        (await sources.dlqDepths()).map((q) => [q.queue, String(q.depth)]),
      )}`,
    );
  }
  sections.push(
    `<h2>SSM parameters</h2>${table(['name', 'value'], Object.entries(outputs.parameters))}`,
    `<h2>Ignored locally</h2>${table(
      ['stack', 'logical id', 'type', 'why'],
      outputs.ignored.map((i) => [i.stackName, i.logicalId, i.type, i.reason]),
    )}`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local cloud</title>
<meta http-equiv="refresh" content="5">
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}code{background:#f3f3f3}</style>
</head><body><h1>Local cloud</h1>${sections.join('\n')}</body></html>`;
}

function table(headings: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p>none</p>';
  return `<table><thead><tr>${headings.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function escape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
