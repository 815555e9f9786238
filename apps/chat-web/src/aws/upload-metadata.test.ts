import { describe, expect, it } from 'vitest';
import { FILE_NAME_METADATA, fileNameMetadata } from './upload-metadata';

describe('fileNameMetadata', () => {
  it('URI-encodes the name, so the metadata is ASCII', () => {
    expect(fileNameMetadata('Zürich <1>.png')).toEqual({
      [FILE_NAME_METADATA]: 'Z%C3%BCrich%20%3C1%3E.png',
    });
  });

  it('keeps a name up to what fits in 2 KB and leaves out a longer one', () => {
    const fits = 'a'.repeat(2048 - FILE_NAME_METADATA.length);

    expect(fileNameMetadata(fits)).toEqual({ [FILE_NAME_METADATA]: fits });
    expect(fileNameMetadata(`${fits}a`)).toEqual({});
  });

  it('leaves out a name that cannot be encoded (a lone surrogate) instead of throwing', () => {
    expect(fileNameMetadata('\uD800.png')).toEqual({});
  });
});
