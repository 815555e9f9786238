import {
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { createSsm, type LocalSsm } from '../../src/ssm';
import {
  guestClientCredentials,
  lookupGuest,
  recordingAuthorize,
} from '../data-harness/guest-caller';
import { localResource } from '../compute-support/local-resource';
import { ADMIN, startTinyEdge } from '../data-harness/tiny-edge';

const parameter = (logicalId: string, name: string, value: string, type = 'String') =>
  localResource('AWS::SSM::Parameter', logicalId, { Name: name, Value: value, Type: type });

describe('local SSM Parameter Store, through the SDK', () => {
  const access = recordingAuthorize((_, resource) => resource.endsWith('/app/public/site-url'));
  let ssm: LocalSsm;
  let edge: Awaited<ReturnType<typeof startTinyEdge>>;
  let admin: SSMClient;
  let guest: SSMClient;

  beforeAll(async () => {
    ssm = createSsm({
      resources: [
        parameter('BusName', '/app/platform/bus-name', 'app-bus'),
        parameter(
          'ApiUrl',
          '/app/history/api-url',
          'https://abc.execute-api.us-east-1.amazonaws.com/live/',
        ),
        parameter('Zones', '/app/platform/zones', 'a,b,c', 'StringList'),
        parameter('Deep', '/app/platform/deep/inner', 'inner'),
        parameter('Site', '/app/public/site-url', 'http://127.0.0.1:3000'),
        ...Array.from({ length: 12 }, (_, index) =>
          parameter(`Many${index}`, `/many/p${String(index).padStart(2, '0')}`, `${index}`),
        ),
      ],
      parameters: {
        '/app/history/api-url': 'http://127.0.0.1:4566/restapis/abc/live/_user_request_/',
      },
      authorize: access.authorize,
      region: 'us-east-1',
      accountId: '000000000000',
    });
    edge = await startTinyEdge([ssm.service], lookupGuest);
    admin = new SSMClient({ endpoint: edge.endpoint, region: 'us-east-1', credentials: ADMIN });
    guest = new SSMClient({
      endpoint: edge.endpoint,
      region: 'us-east-1',
      credentials: guestClientCredentials,
    });
  });
  afterAll(async () => {
    admin.destroy();
    guest.destroy();
    await edge.stop();
  });

  it('reads a parameter from the template, with its type, version and ARN', async () => {
    const { Parameter } = await admin.send(
      new GetParameterCommand({ Name: '/app/platform/bus-name' }),
    );
    expect(Parameter).toMatchObject({
      Name: '/app/platform/bus-name',
      Type: 'String',
      Value: 'app-bus',
      Version: 1,
      DataType: 'text',
      ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/platform/bus-name',
    });
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('finds a parameter by its ARN as well as by its name, version selector included', async () => {
    const arn = 'arn:aws:ssm:us-east-1:000000000000:parameter/app/platform/zones';
    const byArn = await admin.send(new GetParameterCommand({ Name: arn }));
    const several = await admin.send(
      new GetParametersCommand({ Names: [`${arn}:1`, '/app/platform/bus-name'] }),
    );

    expect(byArn.Parameter).toMatchObject({ Name: '/app/platform/zones', Value: 'a,b,c' });
    expect(several.Parameters?.map((found) => found.Name)).toEqual([
      '/app/platform/zones',
      '/app/platform/bus-name',
    ]);
    expect(several.InvalidParameters).toEqual([]);
    await expect(
      admin.send(new GetParameterCommand({ Name: `${arn.slice(0, -1)}X` })),
    ).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });

  it('serves the value handed in over the template’s, and a value changed at run time with a new version', async () => {
    const before = await admin.send(new GetParameterCommand({ Name: '/app/history/api-url' }));
    expect(before.Parameter?.Value).toBe('http://127.0.0.1:4566/restapis/abc/live/_user_request_/');

    ssm.setParameter('/app/platform/bus-name', 'renamed-bus');
    const after = await admin.send(new GetParameterCommand({ Name: '/app/platform/bus-name' }));
    expect(after.Parameter).toMatchObject({ Value: 'renamed-bus', Version: 2 });
    expect(ssm.parameters()['/app/platform/bus-name']).toBe('renamed-bus');
    ssm.setParameter('/app/platform/bus-name', 'app-bus');
  });

  it('answers a missing parameter with ParameterNotFound, and GetParameters lists it as invalid', async () => {
    await expect(admin.send(new GetParameterCommand({ Name: '/app/nope' }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
    });
    const both = await admin.send(
      new GetParametersCommand({ Names: ['/app/platform/zones', '/app/nope'] }),
    );
    expect(both.Parameters?.map((found) => [found.Name, found.Type, found.Value])).toEqual([
      ['/app/platform/zones', 'StringList', 'a,b,c'],
    ]);
    expect(both.InvalidParameters).toEqual(['/app/nope']);
  });

  it('walks a path one level deep, or recursively, in pages of at most MaxResults', async () => {
    const shallow = await admin.send(new GetParametersByPathCommand({ Path: '/app/platform' }));
    expect(shallow.Parameters?.map((found) => found.Name)).toEqual([
      '/app/platform/bus-name',
      '/app/platform/zones',
    ]);

    const deep = await admin.send(
      new GetParametersByPathCommand({ Path: '/app', Recursive: true }),
    );
    expect(deep.Parameters).toHaveLength(5);

    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await admin.send(
        new GetParametersByPathCommand({ Path: '/many', MaxResults: 5, NextToken }),
      );
      expect(page.Parameters?.length).toBeLessThanOrEqual(5);
      names.push(...(page.Parameters ?? []).map((found) => found.Name ?? ''));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names).toHaveLength(12);
    expect(new Set(names).size).toBe(12);
  });

  it('lets a guest read only what its role allows, answering AccessDeniedException otherwise', async () => {
    const allowed = await guest.send(new GetParameterCommand({ Name: '/app/public/site-url' }));
    expect(allowed.Parameter?.Value).toBe('http://127.0.0.1:3000');
    await expect(
      guest.send(new GetParameterCommand({ Name: '/app/platform/bus-name' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(
      access.calls
        .filter((call) => call.caller.kind === 'guest')
        .map((call) => [call.action, call.resource]),
    ).toEqual([
      ['ssm:GetParameter', 'arn:aws:ssm:us-east-1:000000000000:parameter/app/public/site-url'],
      ['ssm:GetParameter', 'arn:aws:ssm:us-east-1:000000000000:parameter/app/platform/bus-name'],
    ]);
  });

  it('refuses a template parameter without a name, naming the resource', () => {
    expect(() =>
      createSsm({
        resources: [
          localResource('AWS::SSM::Parameter', 'Anonymous', { Value: 'x', Type: 'String' }),
        ],
        authorize: async () => true,
        region: 'us-east-1',
        accountId: '000000000000',
      }),
    ).toThrow('TestStack/Anonymous');
  });
});
