import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { CLAIM_CHECK_ATTRIBUTE } from '../../../shared/pipeline/claim-check';

/** Names of the SQS message attributes the bridge sets; the body itself is never changed. */
export const MESSAGE_ATTRIBUTES = {
  /** The OpenCTI connector the message was sent to. */
  connectorId: 'connector_id',
  /** `internal.work_id` of the message, when it has one (playbook messages have none). */
  workId: 'work_id',
  /**
   * The claim-check pointer (JSON) of a body too large for SQS, set by the bridge only: the one
   * place the pipeline reads pointers from (see README.md).
   */
  claimCheck: CLAIM_CHECK_ATTRIBUTE,
} as const;

/** `internal.work_id` of an OpenCTI listen message, or undefined when absent or not JSON. */
export function workIdOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { internal?: { work_id?: unknown } } | null;
    const workId = parsed?.internal?.work_id;
    return typeof workId === 'string' && workId !== '' ? workId : undefined;
  } catch {
    return undefined;
  }
}

/** The attributes of a forwarded message: connector id, and work id when the body carries one. */
export function messageAttributes(connectorId: string, body: string): Record<string, string> {
  const workId = workIdOf(body);
  return { [MESSAGE_ATTRIBUTES.connectorId]: connectorId, ...(workId ? { [MESSAGE_ATTRIBUTES.workId]: workId } : {}) };
}

/** Bytes an entry counts against the SQS size limit: body plus each attribute's name, type and value. */
export function entryBytes(body: string, attributes: Record<string, string>): number {
  let bytes = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes)) bytes += Buffer.byteLength(name) + 'String'.length + Buffer.byteLength(value);
  return bytes;
}

/** String attributes in the shape `SendMessageBatch` takes. */
export function toSqsAttributes(attributes: Record<string, string>): Record<string, MessageAttributeValue> {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
}
