import { connect, type ChannelModel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { OpenCtiClient } from '../../shared/opencti';
import { amqpPublisher, assembleBundle, lazyConfirmChannel } from '../../shared/pipeline';
import { authorIdentity, ipv4Addr, tlpMarking, vulnerability, relationship } from '../../shared/stix';
import { newPlatform, TOKEN } from './fake-service';

const RABBIT = 'amqp://guest:guest@127.0.0.1:5672';

describe('amqpPublisher (real RabbitMQ on 127.0.0.1:5672)', () => {
  const platform = newPlatform();
  let admin: ChannelModel;
  const connectorId = randomUUID();
  const pushQueue = `push_${connectorId}`;

  beforeAll(async () => {
    await platform.start();
    admin = await connect(RABBIT);
    const ch = await admin.createChannel();
    // Declared as the platform declares them (docs/protocol.md#queues-and-exchanges).
    await ch.assertExchange('amqp.worker.exchange', 'direct', { durable: true });
    await ch.assertQueue(pushQueue, { durable: true, arguments: { 'x-queue-type': 'classic' } });
    await ch.bindQueue(pushQueue, 'amqp.worker.exchange', `push_routing_${connectorId}`);
    await ch.close();
  });

  afterAll(async () => {
    const ch = await admin.createChannel();
    await ch.deleteQueue(pushQueue);
    await admin.close();
    await platform.stop();
  });

  it('announces expectations, then publishes one persistent base64 message per object in dependency order', async () => {
    const work = platform.createWork(connectorId);
    const now = '2026-03-04T05:06:07.000Z';
    const author = authorIdentity('Fake Intel');
    const entity = { ...ipv4Addr('8.8.8.8'), object_marking_refs: [tlpMarking('TLP:GREEN').id] };
    const vuln = vulnerability('CVE-2021-44228', now, { createdBy: author.id });
    const bundle = assembleBundle({
      entity,
      author,
      objects: [relationship('related-to', entity.id, vuln.id, now, { createdBy: author.id }), vuln],
      now,
      scorePolicy: { replaceWithLowerScore: false, variable: 'FAKE_INTEL_REPLACE_WITH_LOWER_SCORE' },
    });
    const amqp = lazyConfirmChannel({ host: '127.0.0.1', port: 5672, vhost: '/', useSsl: false, user: 'guest', pass: 'guest' });
    const client = new OpenCtiClient({ url: platform.url, token: TOKEN });
    await amqpPublisher(client, {
      channel: amqp.channel,
      exchange: 'amqp.worker.exchange',
      routingKey: `push_routing_${connectorId}`,
      connectorUserId: 'user-1',
    }).publish(bundle, {
      connectorId,
      workId: work.id,
      applicantId: null,
      draftId: null,
      update: true,
    });
    await amqp.close();

    expect(platform.calls('workEdit', 'addExpectations').map((r) => r.variables)).toEqual([{ id: work.id, expectations: 4 }]);
    const ch = await admin.createChannel();
    const received = [];
    for (let message = await ch.get(pushQueue, { noAck: true }); message; message = await ch.get(pushQueue, { noAck: true }))
      received.push(message);
    await ch.close();
    expect(received).toHaveLength(4);
    expect(received.every((m) => m.properties.deliveryMode === 2 && m.properties.contentEncoding === 'utf-8')).toBe(true);
    const bodies = received.map((m) => JSON.parse(m.content.toString('utf8')));
    expect(Object.keys(bodies[0]).sort()).toEqual([
      'action_sequence',
      'applicant_id',
      'bundle_type',
      'content',
      'draft_id',
      'entities_types',
      'update',
      'work_id',
    ]);
    expect(bodies.map((b) => b.action_sequence)).toEqual([1, 2, 3, 4]);
    expect(bodies[0]).toMatchObject({
      bundle_type: 'QUEUE_BUNDLE',
      applicant_id: 'user-1',
      entities_types: [],
      update: true,
      draft_id: null,
      work_id: work.id,
    });
    const parts = bodies.map((b) => JSON.parse(Buffer.from(b.content, 'base64').toString('utf8')));
    expect(parts.every((p) => p.type === 'bundle' && p.id === bundle.id && p.objects.length === 1)).toBe(true);
    // Dependencies first: the author and the entity before the vulnerability, the relationship last.
    expect(parts.map((p) => p.objects[0].type)).toEqual(['ipv4-addr', 'identity', 'vulnerability', 'relationship']);
  });
});
