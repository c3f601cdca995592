import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's IAM5 finding for `<resource ARN>/<keys>`, which cdk-nag 3 names after the
 * resource's logical id: `AwsSolutions-IAM5[Resource::<LogicalId.Arn>/<keys>]`.
 */
export function acknowledgeObjectWildcard(scope: IConstruct, resource: CfnElement, keys: string, reason: string): void {
  const logicalId = Stack.of(resource).resolve(resource.logicalId) as string;
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${keys}]`, reason });
}
