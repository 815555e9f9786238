import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageOf } from './stage';

/**
 * The CDK app every infra project starts from: deterministic output (no analytics metadata,
 * no performance-counters.json with timings when a synth is slow, so Nx can cache `synth`) and
 * cdk-nag AwsSolutions as a validation plugin, so any unacknowledged finding fails `cdk synth`
 * and the infra tests alike.
 */
export class BookTripApp extends App {
  readonly stage: string;

  constructor(props: AppProps = {}) {
    super({ analyticsReporting: false, performanceReporting: false, ...props });
    this.stage = stageOf(this);
    Validations.of(this).addPlugins(new AwsSolutionsChecks(this));
  }
}
