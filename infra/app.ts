#!/usr/bin/env node
/** CDK app entry (`cdk.json`: `npx tsx infra/app.ts`). Configuration: docs/deploy.md. */
import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app';
import { DeploymentConfigError } from './config/errors';
import { MissingSourceError } from './paths';

const app = new App();
try {
  buildApp(app);
} catch (error) {
  if (!(error instanceof DeploymentConfigError || error instanceof MissingSourceError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
