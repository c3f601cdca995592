import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { SERVICES } from '../../functions/services';
import { checkAgainstCatalog, serviceDefaults, type ServiceCatalogEntry } from './catalog';
import { resolveConnector } from './connector-schema';
import { DeploymentConfigError } from './errors';
import { describeIssue } from './messages';
import { deploymentConfigSchema } from './schema';
import type { DeploymentConfig } from './types';

/** Context keys read when the configuration sits in `cdk.json` rather than in a file. */
export const CONTEXT_KEYS = [
  'stackName',
  'env',
  'sample',
  'opencti',
  'ingress',
  'bridge',
  'callback',
  'claimCheck',
  'alarms',
  'logRetentionDays',
  'defaults',
  'connectors',
] as const;

/** What the loader needs from a construct node: `app.node` in the app. */
export interface ContextReader {
  tryGetContext(key: string): unknown;
}

const HOW_TO =
  'set the context value `configFile` to a YAML file (copy infra/deploy-connectors.sample.yml; e.g. `npx cdk deploy -c configFile=deploy.yml`), ' +
  "or put a `connectors` list (with `opencti`, `bridge`, ...) in cdk.json's context";

/**
 * Reads the deployment configuration from the CDK context: the YAML file named by `configFile`, or
 * the `connectors` entry and its sibling keys. Throws a {@link DeploymentConfigError} naming every
 * missing or bad setting.
 */
export function loadDeploymentConfig(context: ContextReader, baseDir: string = process.cwd()): DeploymentConfig {
  const configFile = context.tryGetContext('configFile');
  const inline = context.tryGetContext('connectors');
  if (configFile !== undefined && inline !== undefined) {
    throw new DeploymentConfigError('the CDK context', ['set either `configFile` or `connectors`, not both']);
  }
  if (configFile !== undefined) {
    if (typeof configFile !== 'string' || configFile.trim() === '') {
      throw new DeploymentConfigError('the CDK context', ['configFile: expected the path of a YAML file']);
    }
    const path = isAbsolute(configFile) ? configFile : resolve(baseDir, configFile);
    return parseDeploymentConfig(readYaml(path), `${configFile} (context configFile)`);
  }
  if (inline !== undefined) {
    const raw = Object.fromEntries(
      CONTEXT_KEYS.map((key) => [key, fromContext(context.tryGetContext(key))]).filter(([, v]) => v !== undefined),
    );
    return parseDeploymentConfig(raw, 'the CDK context (cdk.json or -c)');
  }
  throw new DeploymentConfigError('the CDK context', [`no deployment configuration: ${HOW_TO}`]);
}

/**
 * Validates a raw configuration object against the schema and the services that exist, and
 * applies the defaults.
 */
export function parseDeploymentConfig(raw: unknown, source: string, catalog: readonly ServiceCatalogEntry[] = SERVICES): DeploymentConfig {
  const parsed = deploymentConfigSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!parsed.success) throw new DeploymentConfigError(source, parsed.error.issues.map(describeIssue));
  const { defaults, connectors, ...rest } = parsed.data;
  const problems = checkAgainstCatalog(connectors, catalog);
  if (problems.length > 0) throw new DeploymentConfigError(source, problems);
  return { ...rest, connectors: connectors.map((c) => resolveConnector(c, defaults, serviceDefaults(c.service, catalog))) };
}

function readYaml(path: string): unknown {
  if (!existsSync(path)) throw new DeploymentConfigError(path, [`the file does not exist: ${HOW_TO}`]);
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DeploymentConfigError(path, [`not valid YAML: ${(error as Error).message}`]);
  }
}

/** `-c key=value` gives strings: read JSON lists and objects back. */
function fromContext(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
