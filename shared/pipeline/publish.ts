import type { ConfirmChannel } from 'amqplib';
import type { OpenCtiClient } from '../opencti/client';
import type { StixBundle } from '../stix/types';
import { splitBundle } from './split';

export interface PublishContext {
  connectorId: string;
  workId: string | null;
  applicantId: string | null;
  draftId: string | null;
  /** `CONNECTOR_UPDATE_EXISTING_DATA`, carried as the push message's `update` flag. */
  update: boolean;
}

/** Sends a result bundle for the platform's workers to import. */
export interface BundlePublisher {
  publish(bundle: StixBundle, context: PublishContext): Promise<void>;
  close?(): Promise<void>;
}

/** `CONNECTOR_QUEUE_PROTOCOL=api`: one `stixBundlePush` with the whole bundle; needs HTTPS to the platform only. */
export function apiPublisher(client: OpenCtiClient): BundlePublisher {
  return { publish: (bundle, ctx) => client.pushBundle(ctx.connectorId, bundle, ctx.workId) };
}

export interface AmqpTarget {
  /** Opens a confirm channel to the platform's RabbitMQ (the connection `registerConnector` returned). */
  channel: () => Promise<ConfirmChannel>;
  exchange: string;
  routingKey: string;
  /** `connector_user_id` from registration: the applicant when the message names none. */
  connectorUserId: string | null;
}

/**
 * `CONNECTOR_QUEUE_PROTOCOL=amqp`: as pycti, announce the expectations, then publish one persistent
 * message per split bundle on the worker exchange and wait for the broker's confirms.
 */
export function amqpPublisher(client: OpenCtiClient, target: AmqpTarget): BundlePublisher {
  return {
    async publish(bundle, ctx) {
      const parts = splitBundle(bundle);
      if (ctx.workId) await client.workAddExpectations(ctx.workId, parts.length);
      const channel = await target.channel();
      parts.forEach((part, index) => {
        const body = {
          bundle_type: 'QUEUE_BUNDLE',
          applicant_id: ctx.applicantId ?? target.connectorUserId,
          action_sequence: index + 1,
          entities_types: [],
          content: Buffer.from(JSON.stringify(part), 'utf8').toString('base64'),
          update: ctx.update,
          draft_id: ctx.draftId,
          ...(ctx.workId ? { work_id: ctx.workId } : {}),
        };
        channel.publish(target.exchange, target.routingKey, Buffer.from(JSON.stringify(body), 'utf8'), {
          persistent: true,
          contentEncoding: 'utf-8',
        });
      });
      await channel.waitForConfirms();
    },
  };
}
