import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageOf } from './stage';
import { WildcardResourceCheck } from './wildcard-resource-check';

/** CDK feature flag: template-schema findings fail synthesis. */
export const VALIDATE_TEMPLATES = '@aws-cdk/core:validateAgainstDefaultRules';

/**
 * The CDK app every infra project starts from: deterministic output (no analytics metadata,
 * no performance-counters.json with timings when a synth is slow, so Nx can cache `synth`) and
 * cdk-nag AwsSolutions as a validation plugin, so any unacknowledged finding fails `cdk synth`
 * and the infra tests alike. CDK's own check of the templates against the CloudFormation
 * resource schemas runs on every synth anyway; we make its findings errors, not warnings. And
 * no policy may grant anything but the wildcard-only actions on `Resource: "*"`.
 */
export class BookTripApp extends App {
  readonly stage: string;

  constructor(props: AppProps = {}) {
    super({
      analyticsReporting: false,
      performanceReporting: false,
      ...props,
      context: { [VALIDATE_TEMPLATES]: true, ...props.context },
    });
    this.stage = stageOf(this);
    Validations.of(this).addPlugins(new AwsSolutionsChecks(this), new WildcardResourceCheck());
  }
}
