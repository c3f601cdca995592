import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import { acknowledgeObjectWildcard } from './nag';

/** A role or function: something a grant can go to and an acknowledgment can be attached to. */
export type GrantableConstruct = IGrantable & IConstruct;

export interface ClaimCheckBucketProps {
  /** Objects are deleted this long after they are written. @default Duration.days(7) */
  readonly expiration?: Duration;
}

/** Key prefix of claim checks: the bridge writes `<prefix><connector id>/<sha256>.json`. */
export const CLAIM_CHECK_PREFIX = 'claim-check/';

const OBJECT_KEYS_REASON =
  "Claim-check keys end in the body's sha256, known only at run time; access is limited to one connector's prefix in this one bucket, one action at a time.";

/**
 * Holds message bodies too large for SQS, under `claim-check/<connector id>/`: the bridge writes,
 * each function reads its own connector's prefix. Private, encrypted, TLS-only; objects expire.
 */
export class ClaimCheckBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ClaimCheckBucketProps = {}) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      lifecycleRules: [{ expiration: props.expiration ?? Duration.days(7), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // Retained on stack removal: CloudFormation cannot delete a bucket that still holds objects.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "Transient copies of enrichment messages that expire within days; only this stack's roles read or write them. A second bucket for access logs would outlive the data it logs.",
    });
  }

  /** Lets the grantee write the claim checks of these connectors (`s3:PutObject` only). */
  grantWrite(grantee: GrantableConstruct, connectorIds: readonly string[]): void {
    for (const id of connectorIds) this.grant(grantee, 's3:PutObject', id);
  }

  /** Lets the grantee read the claim checks of one connector (`s3:GetObject` only). */
  grantRead(grantee: GrantableConstruct, connectorId: string): void {
    this.grant(grantee, 's3:GetObject', connectorId);
  }

  private grant(grantee: GrantableConstruct, action: string, connectorId: string): void {
    const keys = `${CLAIM_CHECK_PREFIX}${connectorId}/*`;
    Grant.addToPrincipal({ grantee, actions: [action], resourceArns: [this.bucket.arnForObjects(keys)] });
    acknowledgeObjectWildcard(grantee, this.bucket.node.defaultChild as CfnBucket, keys, OBJECT_KEYS_REASON);
  }
}
