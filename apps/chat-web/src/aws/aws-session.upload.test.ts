import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { config as pageConfig } from '../test-support/chat-app-harness';
import { awsSession } from './aws-session';

// Guest credentials without Cognito: presigning needs keys, not a network.
vi.mock('@aws-sdk/credential-providers', () => ({
  fromCognitoIdentityPool: () => async () => ({
    accessKeyId: 'ASIAGUEST',
    secretAccessKey: 'guest-secret',
    sessionToken: 'guest-session',
    identityId: 'us-east-1:guest',
  }),
}));

const config = { ...pageConfig, identityPoolId: 'us-east-1:pool' };

/** The browser's XMLHttpRequest as far as the upload uses it; records what it was asked. */
class RecordingXhr {
  static sent: RecordingXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 200;
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: unknown) {
    this.body = body;
    RecordingXhr.sent.push(this);
    queueMicrotask(() => this.onload?.());
  }
  abort() {
    this.onabort?.();
  }
}

beforeEach(() => {
  RecordingXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', RecordingXhr);
});
afterEach(() => vi.unstubAllGlobals());

const uploadNamed = async (name: string) => {
  const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });
  await awsSession(config).upload('uploads/us-east-1:guest/c/k.png', file, () => undefined);
  const [xhr] = RecordingXhr.sent;
  if (!xhr) throw new Error('nothing was sent');
  return { xhr, file, url: new URL(xhr.url) };
};

describe('awsSession upload', () => {
  it("names the file in the presigned URL's signed query, URI-encoded", async () => {
    const name = '<img src=x onerror=alert(1)> Zürich.png';

    const { xhr, file, url } = await uploadNamed(name);

    expect(xhr.method).toBe('PUT');
    expect(xhr.body).toBe(file);
    expect(url.searchParams.get('x-amz-meta-file-name')).toBe(encodeURIComponent(name));
    expect(decodeURIComponent(url.searchParams.get('x-amz-meta-file-name') ?? '')).toBe(name);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends no header but content-type, so the bucket CORS rule needs to allow no other', async () => {
    const { xhr, url } = await uploadNamed('trip.png');

    expect(xhr.headers).toEqual({ 'content-type': 'image/png' });
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
  });

  it('still uploads, unnamed, a file whose name is over the 2 KB S3 allows for metadata', async () => {
    const { xhr, url } = await uploadNamed(`${'東'.repeat(300)}.png`);

    expect(xhr.method).toBe('PUT');
    expect(url.searchParams.has('x-amz-meta-file-name')).toBe(false);
  });
});
