import { checkDimensions, checkFileSize, UploadLimits } from '../src/upload-limits';

describe('checkFileSize', () => {
  it('accepts 1 byte up to exactly 10 MB', () => {
    expect(checkFileSize(1)).toBeUndefined();
    expect(checkFileSize(UploadLimits.maxBytes)).toBeUndefined();
  });

  it('refuses an empty file and one byte over 10 MB, saying how big it was', () => {
    expect(checkFileSize(0)).toEqual({ reason: 'EMPTY_FILE', message: 'The file is empty.' });
    expect(checkFileSize(11 * 1024 * 1024)).toEqual({
      reason: 'FILE_TOO_LARGE',
      message: 'The file is 11.0 MB; the limit is 10.0 MB.',
    });
    expect(checkFileSize(UploadLimits.maxBytes + 1)?.reason).toBe('FILE_TOO_LARGE');
  });
});

describe('checkDimensions', () => {
  it('accepts a side of exactly 10 000 px and exactly 40 megapixels', () => {
    expect(checkDimensions({ width: 10_000, height: 4_000 })).toBeUndefined();
  });

  it('refuses a side over 10 000 px even when the pixel count is small', () => {
    expect(checkDimensions({ width: 10_001, height: 1 })?.reason).toBe('DIMENSIONS_TOO_LARGE');
  });

  it('refuses more than 40 megapixels within the side limit', () => {
    expect(checkDimensions({ width: 8_000, height: 5_001 })).toEqual({
      reason: 'TOO_MANY_PIXELS',
      message: 'The picture has 40.01 megapixels; the limit is 40.',
    });
  });
});
