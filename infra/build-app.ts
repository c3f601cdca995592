import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadDeploymentConfig } from './config/load';
import type { SourceLayout } from './paths';
import { EnrichmentStack } from './stacks/enrichment-stack';

export interface BuildAppOptions {
  /** Where function entries and the bridge Dockerfile are. @default the repository's layout */
  readonly layout?: SourceLayout;
  /** Directory a relative `configFile` is resolved against. @default process.cwd() (where cdk.json is) */
  readonly baseDir?: string;
}

/**
 * Adds the enrichment stack, configured from the app's context, and runs cdk-nag's AWS Solutions
 * rules on every synth (an unacknowledged finding fails the synth).
 */
export function buildApp(app: App, options: BuildAppOptions = {}): EnrichmentStack {
  const config = loadDeploymentConfig(app.node, options.baseDir);
  const stack = new EnrichmentStack(app, config.stackName, {
    config,
    layout: options.layout,
    env: {
      account: config.env.account ?? process.env.CDK_DEFAULT_ACCOUNT,
      region: config.env.region ?? process.env.CDK_DEFAULT_REGION,
    },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
