import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildApp } from '../../../infra/build-app';
import { REPO_ROOT, type SourceLayout } from '../../../infra/paths';
import type { EnrichmentStack } from '../../../infra/stacks/enrichment-stack';

/** The feature flags `cdk synth` runs with, from cdk.json, without its `configFile`. */
export function cdkJsonFlags(): Record<string, unknown> {
  const { context } = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return Object.fromEntries(Object.entries(context).filter(([key]) => key.includes(':')));
}

export interface Synthesized {
  stack: EnrichmentStack;
  template: Template;
  assembly: CloudAssembly;
  /** cdk-nag and annotation findings of severity error, as `rule at path`. */
  errors: string[];
  cleanup(): void;
}

interface ValidationReport {
  pluginReports?: {
    pluginName: string;
    violations: { ruleName: string; severity?: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/**
 * Synthesizes the app exactly as `cdk synth` does (buildApp, cdk.json's feature flags, cdk-nag)
 * with the configuration in context keys, into a temporary directory. Throws when synth throws
 * (an unacknowledged cdk-nag finding or a CloudFormation validation error).
 */
export function synthesize(config: Record<string, unknown>, layout?: SourceLayout): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'infra-test-'));
  const app = new App({ outdir, context: { ...cdkJsonFlags(), ...config } });
  const stack = buildApp(app, { baseDir: REPO_ROOT, layout });
  const assembly = app.synth();
  const reportPath = join(outdir, 'validation-report.json');
  const report: ValidationReport = existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, 'utf8')) : {};
  const errors = (report.pluginReports ?? []).flatMap((plugin) =>
    plugin.violations
      .filter((v) => v.severity !== 'warning')
      .flatMap((v) => v.violatingConstructs.map((c) => `${plugin.pluginName}: ${v.ruleName} at ${c.constructPath}`)),
  );
  return { stack, template: Template.fromStack(stack), assembly, errors, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** The repository files a synth needs, missing ones listed (to skip with a reason, never to fake them). */
export function missingFiles(paths: readonly string[]): string[] {
  return paths.filter((path) => !existsSync(join(REPO_ROOT, path)));
}
