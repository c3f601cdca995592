import { AssetHashType, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { localBundling, type FunctionBundleOptions } from '../bundling';

export { CREATE_REQUIRE_BANNER } from '../bundling';

export interface EsmFunctionProps {
  /** TypeScript entry file exporting `handler`. */
  readonly entry: string;
  /** Directory with `package.json` and `node_modules`, the root esbuild bundles from. */
  readonly projectRoot: string;
  /** How the bundle is built beyond the shared settings: with amqplib or its shim (infra/bundling.ts). */
  readonly bundle: FunctionBundleOptions;
  /** Shown in the Lambda console. */
  readonly description: string;
  /** Environment variables, without secrets (secrets are passed by name). @default none */
  readonly environment?: Record<string, string>;
  /** Memory in MB. @default 256 */
  readonly memorySize?: number;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** Retention of the function's log group. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Concurrent executions reserved for (and capped at) this function. @default none: the account's unreserved pool */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A Node.js 22 arm64 function bundled by esbuild as ESM with source maps (infra/bundling.ts, the
 * settings the bench measures too), with its own log group and a role that may only write to that
 * log group (grants add the rest).
 */
export class EsmFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: EsmFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: write access to this log group only.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: props.description });
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      code: Code.fromAsset(props.projectRoot, { assetHashType: AssetHashType.OUTPUT, bundling: localBundling(props.entry, props.bundle) }),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      description: props.description,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(60),
      role: this.role,
      logGroup: this.logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    });
    this.function.node.addDependency(this.logGroup);

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime this project builds and tests for (esbuild target node22); moving to a newer runtime is a deliberate upgrade, not a synth-time default.',
    });
  }
}
