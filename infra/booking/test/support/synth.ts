import { BookTripApp } from '@booktrip/constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { BookingStack } from '../../src/booking-stack';

export const TEST_STAGE = 'test';

let synthesized: { stack: BookingStack; template: Template } | undefined;

/**
 * The booking stack synthesized for the test stage, bundling skipped (fast), once per test
 * file. Template.fromStack runs the cdk-nag validation plugin: an unacknowledged finding throws.
 */
export function synthesizeBookingStack(): { stack: BookingStack; template: Template } {
  if (!synthesized) {
    const app = new BookTripApp({
      context: { stage: TEST_STAGE, 'aws:cdk:bundling-stacks': [] },
    });
    const stack = new BookingStack(app, 'Booking', { service: 'booking', stage: TEST_STAGE });
    synthesized = { stack, template: Template.fromStack(stack) };
  }
  return synthesized;
}
