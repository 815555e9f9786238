export { parseUploadKey, UPLOADS_PREFIX } from './parse-upload-key';
export type { UploadKey } from './parse-upload-key';
export { detectImageFormat } from './detect-image-format';
export { readImageDimensions } from './read-image-dimensions';
export type { HeaderResult, ImageDimensions } from './read-image-dimensions';
export { UploadLimits, checkDimensions, checkFileSize } from './upload-limits';
export { flipUpsideDown, OUTPUT_FORMATS, UndecodableImageError } from './flip-upside-down';
export { outputKeyOf } from './flipped-object';
export * from './workflow-io';
