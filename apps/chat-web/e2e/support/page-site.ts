// Serves the built page the way the local cloud will: through the local CloudFront of
// @booktrip/local-cloud, with the distribution and response headers policy of the chat-web
// stack's synthesized `local` template (so the browser enforces the real CSP), from
// apps/chat-web/dist plus a config.json. Used with the scripted fixture until the local cloud
// serves the page itself.
import {
  createLocalCloudFront,
  resolveTemplateValue,
  type CfnTemplate,
  type LocalResource,
} from '@booktrip/local-cloud';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const APP = join(__dirname, '..', '..');
const DIST = join(APP, 'dist');
const TEMPLATE = join(APP, '..', '..', 'infra', 'chat-web', 'cdk.out', 'ChatWeb.template.json');
/** The edge address the `local` stage's CSP and config name. */
const LOCAL_EDGE = 'http://localhost:4566';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

export interface PageSite {
  url: string;
  stop(): Promise<void>;
}

export async function startPageSite(options: {
  config: Record<string, unknown>;
  edge: string;
  ssm: Record<string, string>;
}): Promise<PageSite> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('Build the page first: npx nx run chat-web:build');
  if (!existsSync(TEMPLATE))
    throw new Error(
      'Synthesize the local stage first: SYNTH_STAGE=local npx nx run infra-chat-web:synth',
    );
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as CfnTemplate & {
    Description?: string;
  };
  if (!template.Description?.includes('(local)')) {
    throw new Error(
      `${TEMPLATE} is not the local stage's: run SYNTH_STAGE=local npx nx run infra-chat-web:synth`,
    );
  }
  // Attributes the shared resolver does not know yet (S3 domain names, the OAC's id).
  const domains = JSON.parse(JSON.stringify(template), (_key, value: unknown) => {
    const att = (value as { 'Fn::GetAtt'?: [string, string] } | null)?.['Fn::GetAtt'];
    if (att && (att[1] === 'RegionalDomainName' || att[1] === 'DomainName'))
      return `${att[0]}.s3.us-east-1.amazonaws.com`;
    if (att && att[1] === 'Id') return att[0];
    return value;
  }) as CfnTemplate;
  const wanted = [
    'AWS::S3::Bucket',
    'AWS::CloudFront::Distribution',
    'AWS::CloudFront::ResponseHeadersPolicy',
  ];
  const resources: LocalResource[] = Object.entries(domains.Resources)
    .filter(([, r]) => wanted.includes(r.Type))
    .map(([logicalId, r]) => ({
      stackName: 'booktrip-local-chat-web',
      logicalId,
      type: r.Type,
      physicalId: logicalId,
      properties: JSON.parse(
        JSON.stringify(
          resolveTemplateValue(domains, r.Properties ?? {}, { ssm: options.ssm }),
        ).replaceAll(LOCAL_EDGE, options.edge),
      ) as Record<string, unknown>,
      assemblyDir: join(TEMPLATE, '..'),
    }));
  const config = Buffer.from(JSON.stringify(options.config));
  const site = createLocalCloudFront({
    resources,
    readObject: async (_bucket, key) => {
      if (key === 'config.json') return { body: config, contentType: 'application/json' };
      const file = normalize(join(DIST, key));
      if (!file.startsWith(DIST) || !existsSync(file) || !extname(file)) return undefined;
      return { body: readFileSync(file), contentType: TYPES[extname(file)] };
    },
  });
  const server = createServer(site.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
