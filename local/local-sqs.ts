import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';

/** An SQS-compatible server (fauxqs) running in this process on loopback. */
export interface LocalSqs {
  endpoint: string;
  client: SQSClient;
  stop: () => Promise<void>;
}

/**
 * Starts fauxqs in-process, on 127.0.0.1 only: it has no authentication, so nothing off this
 * machine may reach it. (`startFauxqs` always listens on 0.0.0.0; its `buildApp` lets us choose.)
 * It speaks the SQS JSON protocol the v3 SDK uses, so the bridge and the poller run the same
 * client code as in AWS. fauxqs is ESM-only, hence the dynamic import.
 */
export async function startLocalSqs(port = 0): Promise<LocalSqs> {
  const { buildApp } = (await import('fauxqs')) as typeof import('fauxqs');
  const app = buildApp({ logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the local SQS server has no TCP address');
  const server = { port: address.port, stop: () => app.close() };
  const endpoint = `http://127.0.0.1:${server.port}`;
  const client = new SQSClient({
    endpoint,
    useQueueUrlAsEndpoint: false,
    region: process.env.AWS_REGION || 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await server.stop();
    },
  };
}

export interface ConnectorQueues {
  queueUrl: string;
  queueArn: string;
  dlqUrl: string;
}

/** The queue and DLQ of one connector, with the same redrive and timeouts as the AWS deployment. */
export async function createConnectorQueues(
  sqs: SQSClient,
  name: string,
  options: { maxReceives: number; visibilityTimeout: number },
): Promise<ConnectorQueues> {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq`, Attributes: { MessageRetentionPeriod: '1209600' } }));
  const dlqArn = await queueArn(sqs, dlq.QueueUrl!);
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeout),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: options.maxReceives }),
      },
    }),
  );
  return { queueUrl: queue.QueueUrl!, queueArn: await queueArn(sqs, queue.QueueUrl!), dlqUrl: dlq.QueueUrl! };
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return attributes.Attributes!.QueueArn!;
}
