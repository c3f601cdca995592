import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { QUOTA_TABLE, quotaTableLeadingKeys } from '../../shared/quota/dynamo-table';
import type { GrantableConstruct } from './claim-check-bucket';

/**
 * The quota table every connector's function counts its vendor calls in and caches vendor answers
 * in (layout in shared/quota/dynamo-table.ts): on demand, encrypted with the AWS managed key
 * (`aws/dynamodb`, its use visible in CloudTrail), items expired by DynamoDB's TTL.
 */
export class QuotaTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: QUOTA_TABLE.partitionKey.name, type: AttributeType.STRING },
      timeToLiveAttribute: QUOTA_TABLE.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      // Counters and cached answers rebuild themselves: nothing to keep once the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'The table holds only rate-limit counters (a window long at most) and cached vendor answers (a TTL long); both rebuild themselves, so point-in-time recovery would restore nothing of value.',
    });
  }

  /**
   * Lets one connector's function count its calls and cache its service's answers: only the
   * actions the store uses, only on the items whose partition key starts with its own connector
   * id (`quota#<id>`) or its own service name (`cache#<service>/…`).
   */
  grantConnector(grantee: GrantableConstruct, connectorId: string, service: string): void {
    Grant.addToPrincipal({
      grantee,
      actions: [...QUOTA_TABLE.actions],
      resourceArns: [this.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': quotaTableLeadingKeys(connectorId, service) } },
    });
  }
}
