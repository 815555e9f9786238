export { defineEvent } from './define-event';
export type { DataOf, DetailOf, EventContract, OutgoingEvent, ReceivedEvent } from './define-event';
export { EventValidationError, PublishError } from './errors';
export { MetadataSchema, SCHEMA_VERSION } from './metadata';
export type { Metadata, MetadataInput } from './metadata';
export { Sources } from './sources';
export type { Source } from './sources';
export { catalogue } from './catalogue';
export type { CatalogueName } from './catalogue';
export { backoff } from './backoff';
export { createPublisher, entrySize, ENTRY_TOO_LARGE, MAX_BYTES_PER_CALL } from './publish';
export type { Publish, PublisherOptions } from './publish';
export { contractJsonSchema, contractJsonSchemas, schemaName } from './json-schemas';
export type { SchemaSource } from './json-schemas';
export { ConversationTurnRecorded } from './contracts/conversation-turn-recorded';
export { ResponseCardLimits, ResponseCardSchema } from './contracts/response-card';
export type { ResponseCard } from './contracts/response-card';
export { ReservationRequested } from './contracts/reservation-requested';
export { ReservationConfirmed } from './contracts/reservation-confirmed';
export {
  FAILURE_MESSAGE_MAX_LENGTH,
  ReservationFailed,
  ReservationFailureReason,
} from './contracts/reservation-failed';
export { ImageFlipped } from './contracts/image-flipped';
export { ImageRejected } from './contracts/image-rejected';
export { S3ObjectCreated } from './contracts/s3-object-created';
export {
  PriceSchema,
  ReservationSchema,
  HotelReservationSchema,
  CarReservationSchema,
  ReservationLimits,
} from './contracts/reservation';
export type { Price, Reservation, HotelReservation, CarReservation } from './contracts/reservation';
export { ImageFormat, ImageRejectionReason, S3ObjectRefSchema } from './contracts/image';
export type { S3ObjectRef } from './contracts/image';
export {
  UploadKeyLayout,
  outputKeyOf,
  parseUploadKey,
  uploadKey,
  uploadKeySegments,
  uploadPrefix,
} from './layouts/upload-key';
export type { UploadKey } from './layouts/upload-key';
export {
  encodeUploadFileName,
  readUploadFileName,
  UploadMetadata,
} from './layouts/upload-metadata';
export type { UploadFileName } from './layouts/upload-metadata';
export { FILE_NAME_MAX_LENGTH, FileNameSchema } from './contracts/file-name';
export { envelopeTemplate, metadataTemplate, STATE_ENTERED_TIME } from './layouts/envelope-paths';
export type { JsonPathTemplate, MetadataPaths } from './layouts/envelope-paths';
export { ReservationIdSchema } from './contracts/reservation';
export { EventTimestamp, TIMESTAMP_RANGE, UtcTimestamp } from './contracts/timestamp';
export { isPrintable, printable, quoted, SafeText } from './contracts/safe-text';
export {
  CONVERSATION_TOKEN_ATTRIBUTE,
  ConversationTokenSchema,
  conversationToken,
  conversationTokenSecretParameter,
  isConversationToken,
  LOCAL_CONVERSATION_TOKEN_KEY,
  MIN_TOKEN_KEY_LENGTH,
} from './contracts/conversation-token';
export { TIME_ZONE_ATTRIBUTE } from './contracts/time-zone-attribute';
