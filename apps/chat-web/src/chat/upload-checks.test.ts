import { describe, expect, it } from 'vitest';
import { checkUpload, MAX_UPLOAD_BYTES, uploadKey } from './upload-checks';

describe('checkUpload', () => {
  it('accepts a PNG under the limit', () => {
    expect(checkUpload({ type: 'image/png', size: 2048 })).toEqual({ ok: true, extension: 'png' });
  });

  it('refuses other types, empty and oversize files with a reason', () => {
    expect(checkUpload({ type: 'application/pdf', size: 10 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/PNG, JPEG/),
    });
    expect(checkUpload({ type: 'image/png', size: 0 })).toMatchObject({ ok: false });
    expect(checkUpload({ type: 'image/jpeg', size: MAX_UPLOAD_BYTES + 1 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/limit is 10.0 MB/),
    });
  });
});

describe('uploadKey', () => {
  it('puts the identity then the conversation under uploads/', () => {
    expect(uploadKey('us-east-1:abc', 'c1', 'f1', 'png')).toBe('uploads/us-east-1:abc/c1/f1.png');
  });
});
