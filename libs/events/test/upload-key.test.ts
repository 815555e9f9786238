import {
  outputKeyOf,
  parseUploadKey,
  uploadKey,
  UploadKeyLayout,
  uploadKeySegments,
  uploadPrefix,
} from '../src/layouts/upload-key';

const identityId = 'eu-west-1:0b4de6b2-1c54-4f60-9d1c-3c2f6a7e9b10';
const conversationId = '7d0c8a4e-5b1f-4c3a-8e2d-9f6b1a2c3d4e';
const objectId = 'f3a1b2c4-d5e6-4f70-8a9b-0c1d2e3f4a5b';
const key = `uploads/${identityId}/${conversationId}/${objectId}.png`;

describe('parseUploadKey', () => {
  it('reads the identity, conversation and object id from a guest upload key', () => {
    expect(parseUploadKey(key)).toEqual({
      key,
      identityId,
      conversationId,
      objectId,
      extension: 'png',
    });
  });

  it('accepts the key URL-encoded, as S3 notifications may send it, and returns it decoded', () => {
    const encoded = key.replace(':', '%3A');

    expect(parseUploadKey(encoded)).toMatchObject({ key, identityId, conversationId });
  });

  it.each([
    ['another prefix', `flipped/${identityId}/${conversationId}/${objectId}.png`],
    ['no conversation', `uploads/${identityId}/${objectId}.png`],
    ['a conversation id that is not a UUID', `uploads/${identityId}/chat-1/${objectId}.png`],
    [
      'an identity without its region',
      `uploads/${conversationId}/${conversationId}/${objectId}.png`,
    ],
    ['no extension', `uploads/${identityId}/${conversationId}/${objectId}`],
    ['a deeper path', `uploads/${identityId}/${conversationId}/x/${objectId}.png`],
    ['a path traversal', `uploads/${identityId}/../${conversationId}/${objectId}.png`],
    ['broken URL encoding', `uploads/${identityId}%E0%A4%A/${conversationId}/${objectId}.png`],
  ])('rejects a key with %s', (_case, candidate) => {
    expect(parseUploadKey(candidate)).toBeUndefined();
  });
});

describe('the rest of the upload layout', () => {
  it('builds the key parseUploadKey reads back', () => {
    const built = uploadKey({ identityId, conversationId, objectId, extension: 'png' });

    expect(built).toBe(key);
    expect(parseUploadKey(built)).toMatchObject({ identityId, conversationId, objectId });
  });

  it('names the prefix of an identity (an IAM variable too) and of one conversation', () => {
    expect(uploadPrefix('${cognito-identity.amazonaws.com:sub}')).toBe(
      'uploads/${cognito-identity.amazonaws.com:sub}/',
    );
    expect(key.startsWith(uploadPrefix(identityId, conversationId))).toBe(true);
    expect(key.startsWith(UploadKeyLayout.uploadsPrefix)).toBe(true);
  });

  it('puts the flipped picture under flipped/ with the same key', () => {
    expect(outputKeyOf(key)).toBe(`flipped/${key}`);
    expect(outputKeyOf(key).startsWith(UploadKeyLayout.outputPrefix)).toBe(true);
  });

  it('numbers the segments as the workflow splits them', () => {
    const parts = key.split('/');

    expect(parts[UploadKeyLayout.segments.identityId]).toBe(identityId);
    expect(parts[UploadKeyLayout.segments.conversationId]).toBe(conversationId);
  });

  it('reads the identity and conversation of any four-segment key under uploads/', () => {
    expect(uploadKeySegments('uploads/someone/chat-1/file')).toEqual({
      identityId: 'someone',
      conversationId: 'chat-1',
    });
    expect(uploadKeySegments('uploads/someone/file')).toBeUndefined();
    expect(uploadKeySegments('flipped/someone/chat-1/file')).toBeUndefined();
  });
});
