import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/**
 * An existing Secrets Manager secret by name or complete ARN, without a lookup at synth. A name
 * grants on `name-??????` (the random suffix Secrets Manager appends); an ARN must be complete.
 */
export function importSecret(scope: Construct, id: string, nameOrArn: string): ISecret {
  return nameOrArn.startsWith('arn:') ? Secret.fromSecretCompleteArn(scope, id, nameOrArn) : Secret.fromSecretNameV2(scope, id, nameOrArn);
}
