import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { readFileSync } from 'node:fs';
import type { LocalCloudOutputs } from '../cloud/outputs';

/** Reads a running local cloud's outputs (its `/_booktrip/outputs`). */
export async function fetchOutputs(endpoint: string): Promise<LocalCloudOutputs> {
  let response: Response;
  try {
    response = await fetch(`${endpoint}/_booktrip/outputs`);
  } catch {
    throw new Error(
      `No local cloud answers at ${endpoint}: start it with npm start (or pass --port)`,
    );
  }
  if (!response.ok) throw new Error(`${endpoint} is not a local cloud (${response.status})`);
  return (await response.json()) as LocalCloudOutputs;
}

const clientConfig = (outputs: LocalCloudOutputs) => ({
  endpoint: outputs.endpoint,
  region: outputs.region,
  credentials: outputs.adminCredentials,
});

/**
 * A resource of `type` by its physical name, its logical id, or a part of either that is
 * unique: `invoke HistoryConsumer` finds `HistoryConsumerFunction1A2B3C4D`.
 */
export function findResource(
  outputs: LocalCloudOutputs,
  type: string,
  wanted: string,
): { physicalId: string; arn?: string } {
  const all = Object.values(outputs.stacks).flatMap((stack) =>
    Object.entries(stack.resources)
      .filter(([, resource]) => resource.type === type)
      .map(([logicalId, resource]) => ({ logicalId, ...resource })),
  );
  const exact = all.filter(
    (r) => r.physicalId === wanted || r.logicalId === wanted || r.arn === wanted,
  );
  const lower = wanted.toLowerCase();
  const partial = all.filter(
    (r) => r.physicalId.toLowerCase().includes(lower) || r.logicalId.toLowerCase().includes(lower),
  );
  const [match, ...others] = exact.length > 0 ? exact : partial;
  if (!match) {
    throw new Error(
      `No ${type} named like "${wanted}". There are: ${all.map((r) => r.physicalId).join(', ')}`,
    );
  }
  if (others.length > 0) {
    throw new Error(
      `"${wanted}" names several ${type}s: ${[match, ...others].map((r) => r.physicalId).join(', ')}`,
    );
  }
  return match;
}

/** `local-cloud invoke <function> <event.json>`: a RequestResponse invoke; prints the result. */
export async function invokeCommand(
  outputs: LocalCloudOutputs,
  functionName: string,
  eventFile: string,
): Promise<{ payload: string; failed: boolean }> {
  const target = findResource(outputs, 'AWS::Lambda::Function', functionName);
  const event = readJsonFile(eventFile);
  const answer = await new LambdaClient(clientConfig(outputs)).send(
    new InvokeCommand({ FunctionName: target.physicalId, Payload: JSON.stringify(event) }),
  );
  return {
    payload: answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : '',
    failed: answer.FunctionError !== undefined,
  };
}

/** `local-cloud events put <file>`: the file holds one entry, a list, or `{ Entries }`. */
export async function putEventsCommand(outputs: LocalCloudOutputs, file: string) {
  const parsed = readJsonFile(file);
  const entries = (
    Array.isArray(parsed)
      ? parsed
      : typeof parsed === 'object' && parsed !== null && 'Entries' in parsed
        ? (parsed as { Entries: unknown[] }).Entries
        : [parsed]
  ) as PutEventsRequestEntry[];
  return new EventBridgeClient(clientConfig(outputs)).send(
    new PutEventsCommand({ Entries: entries }),
  );
}

/** A file's JSON, or an error that names the file and what is wrong with it. */
function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(
      `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** `local-cloud executions <state machine>`: its executions, newest first. */
export async function executionsCommand(outputs: LocalCloudOutputs, stateMachine: string) {
  const target = findResource(outputs, 'AWS::StepFunctions::StateMachine', stateMachine);
  const answer = await new SFNClient(clientConfig(outputs)).send(
    new ListExecutionsCommand({ stateMachineArn: target.arn ?? target.physicalId }),
  );
  return (answer.executions ?? []).map((execution) => ({
    name: execution.name,
    status: execution.status,
    started: execution.startDate?.toISOString(),
    stopped: execution.stopDate?.toISOString() ?? '',
  }));
}
