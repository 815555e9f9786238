export { defineEvent } from './define-event';
export type { DataOf, DetailOf, EventContract, OutgoingEvent, ReceivedEvent } from './define-event';
export { EventValidationError, PublishError } from './errors';
export { MetadataSchema, SCHEMA_VERSION } from './metadata';
export type { Metadata, MetadataInput } from './metadata';
export { Sources } from './sources';
export type { Source } from './sources';
export { catalogue } from './catalogue';
export type { CatalogueName } from './catalogue';
export {
  createPublisher,
  entrySize,
  toBatches,
  ENTRY_TOO_LARGE,
  MAX_BYTES_PER_CALL,
  MAX_ENTRIES_PER_CALL,
} from './publish';
export type { Publish, PublisherOptions } from './publish';
export { contractJsonSchema, contractJsonSchemas, schemaName } from './json-schemas';
export type { SchemaSource } from './json-schemas';
export { ConversationTurnRecorded } from './contracts/conversation-turn-recorded';
export { ReservationRequested } from './contracts/reservation-requested';
export { ReservationConfirmed } from './contracts/reservation-confirmed';
export { ReservationFailed, ReservationFailureReason } from './contracts/reservation-failed';
export { ImageFlipped } from './contracts/image-flipped';
export { ImageRejected } from './contracts/image-rejected';
export { S3ObjectCreated } from './contracts/s3-object-created';
export {
  PriceSchema,
  ReservationSchema,
  HotelReservationSchema,
  CarReservationSchema,
} from './contracts/reservation';
export type { Price, Reservation, HotelReservation, CarReservation } from './contracts/reservation';
export { ImageFormat, ImageRejectionReason, S3ObjectRefSchema } from './contracts/image';
export type { S3ObjectRef } from './contracts/image';
