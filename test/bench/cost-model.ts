/**
 * Published AWS on-demand prices, us-east-1, as known to the author (from memory of the AWS
 * pricing pages as of 2025, not fetched: this machine has no web access); free tiers ignored.
 * Check https://aws.amazon.com/lambda/pricing/, /sqs/pricing/, /dynamodb/pricing/, /fargate/pricing/.
 */
export const AWS_PRICES = {
  region: 'us-east-1',
  takenOn: "2025 (the author's knowledge of the AWS pricing pages, not fetched: no web access on 2026-11-30)",
  lambdaArmGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  sqsPerMillionRequests: 0.4,
  dynamoPerMillionWrites: 0.625,
  dynamoPerMillionReads: 0.125,
  fargateArmVcpuHour: 0.03238,
  fargateArmGbHour: 0.00356,
} as const;

const HOURS_PER_MONTH = 730;

export interface CostInputs {
  /** Measured pipeline time per record, ms (billed as if records of a batch ran one after another: an upper bound). */
  recordMs: number;
  /** The function's configured memory (infra default 256 MB). */
  memoryMb: number;
  /** Records per invocation (the event source batch size). */
  batchSize: number;
  /** Quota governance on: DynamoDB writes and reads per enrichment. */
  dynamo?: { writes: number; reads: number };
  /** Services run, each of which needs one always-on Python container. */
  services: number;
}

export interface CostFigures {
  perMillion: { lambdaCompute: number; lambdaRequests: number; sqs: number; dynamo: number; total: number };
  bridgeTaskPerMonth: number;
  pythonContainersPerMonth: number;
}

/** A Fargate arm64 task of 0.25 vCPU and 0.5 GB, always on, for a month. */
export const fargateTaskPerMonth = (vcpu = 0.25, gb = 0.5): number =>
  (vcpu * AWS_PRICES.fargateArmVcpuHour + gb * AWS_PRICES.fargateArmGbHour) * HOURS_PER_MONTH;

/**
 * Cost of a million enrichments on the serverless path, and the fixed monthly costs beside it.
 * SQS: per record 1/batch SendMessageBatch (bridge), 1/batch ReceiveMessage and 1/batch
 * DeleteMessageBatch (the event source mapping); empty polls and retries are not counted.
 */
export function costPerMillion(inputs: CostInputs): CostFigures {
  const million = 1_000_000;
  const lambdaCompute = million * (inputs.recordMs / 1000) * (inputs.memoryMb / 1024) * AWS_PRICES.lambdaArmGbSecond;
  const lambdaRequests = (AWS_PRICES.lambdaPerMillionRequests * 1) / inputs.batchSize;
  const sqs = (AWS_PRICES.sqsPerMillionRequests * 3) / Math.min(10, inputs.batchSize);
  const dynamo = inputs.dynamo
    ? inputs.dynamo.writes * AWS_PRICES.dynamoPerMillionWrites + inputs.dynamo.reads * AWS_PRICES.dynamoPerMillionReads
    : 0;
  return {
    perMillion: { lambdaCompute, lambdaRequests, sqs, dynamo, total: lambdaCompute + lambdaRequests + sqs + dynamo },
    bridgeTaskPerMonth: fargateTaskPerMonth(),
    pythonContainersPerMonth: inputs.services * fargateTaskPerMonth(),
  };
}
