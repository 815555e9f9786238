import { BookTripApp, METRICS_NAMESPACE } from '@booktrip/constructs';
import { bookingDefinition } from '@booktrip/booking/definition';
import { definitionSuite, envNames } from '@booktrip/workspace';
import { Template } from 'aws-cdk-lib/assertions';
import { BookingStack } from '../src/booking-stack';

definitionSuite({
  app: 'booking',
  infra: 'infra/booking',
  env: envNames(bookingDefinition.functions.validateRequest.env),
  metrics: [],
  namespace: METRICS_NAMESPACE,
  template: () => {
    const app = new BookTripApp({ context: { stage: 'test', 'aws:cdk:bundling-stacks': [] } });
    return Template.fromStack(
      new BookingStack(app, 'Booking', { service: 'booking', stage: 'test' }),
    ).toJSON();
  },
});
