import type { SendMessageBatchCommand, SendMessageBatchCommandOutput, SQSClient } from '@aws-sdk/client-sqs';
import { AbortedError, ForwardFailedError, MessageTooLargeError, SqsForwarder, type SqsForwarderOptions } from '../../functions/bridge';

type Entry = { Id: string; MessageBody: string };
type Answer = (entries: Entry[], call: number) => Partial<SendMessageBatchCommandOutput> | Error;

/** An SQS stand-in that records every SendMessageBatch and answers as `answer` says (default: accept all). */
function fakeSqs(
  answer: Answer = (entries) => ({ Successful: entries.map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: '' })) }),
) {
  const calls: Entry[][] = [];
  const client = {
    send: async (command: SendMessageBatchCommand) => {
      const entries = command.input.Entries as Entry[];
      calls.push(entries);
      const result = answer(entries, calls.length);
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { client: client as unknown as SQSClient, calls };
}

const forwarder = (sqs: SQSClient, options: Partial<SqsForwarderOptions> = {}) =>
  new SqsForwarder({ sqs, lingerMs: 5, backoff: { initialMs: 1, maxMs: 5, spread: [1, 1] }, ...options });

const bodies = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ internal: { work_id: `w${i}` }, i }));

describe('SqsForwarder', () => {
  it('sends at most 10 entries per call, filling batches during the linger', async () => {
    const sqs = fakeSqs();
    const sent = bodies(25);

    const shared = forwarder(sqs.client);
    await Promise.all(sent.map((body) => shared.forward('q', 'c', body)));

    expect(sqs.calls.map((entries) => entries.length)).toEqual([10, 10, 5]);
    expect(sqs.calls.flat().map((e) => e.MessageBody)).toEqual(sent);
  });

  it('keeps a batch within the byte limit', async () => {
    const sqs = fakeSqs();
    const shared = forwarder(sqs.client, { maxMessageBytes: 4_000 });
    const large = Array.from({ length: 5 }, (_, i) => `"${String(i).repeat(1_500)}"`);

    await Promise.all(large.map((body) => shared.forward('q', 'c', body)));

    expect(sqs.calls.map((entries) => entries.length)).toEqual([2, 2, 1]);
  });

  it('resolves each message only once SQS accepted it, retrying just the refused entries', async () => {
    const sqs = fakeSqs((entries, call) => ({
      Successful: entries.filter((e) => call > 1 || e.Id !== '1').map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: '' })),
      Failed: call === 1 ? [{ Id: '1', Code: 'InternalError', SenderFault: false }] : [],
    }));
    const refused: string[] = [];
    const shared = forwarder(sqs.client, { onRefused: (connectorId) => refused.push(connectorId) });
    const sent = bodies(3);

    await Promise.all(sent.map((body) => shared.forward('q', 'c', body)));

    expect(sqs.calls.map((entries) => entries.map((e) => e.MessageBody))).toEqual([sent, [sent[1]]]);
    expect(refused).toEqual(['c']);
  });

  it('retries a whole batch when the call fails, until it goes through', async () => {
    const sqs = fakeSqs((entries, call) =>
      call <= 3 ? new Error('ECONNREFUSED') : { Successful: entries.map((e) => ({ Id: e.Id, MessageId: e.Id, MD5OfMessageBody: '' })) },
    );

    await expect(forwarder(sqs.client).forward('q', 'c', '{}')).resolves.toBe('sent');
    expect(sqs.calls).toHaveLength(4);
  });

  it('gives up after maxAttempts when asked to (callback ingress)', async () => {
    const sqs = fakeSqs(() => new Error('down'));
    await expect(forwarder(sqs.client, { maxAttempts: 3 }).forward('q', 'c', '{}')).rejects.toThrow(ForwardFailedError);
    expect(sqs.calls).toHaveLength(3);
  });

  it('rejects waiting messages with AbortedError when aborted', async () => {
    const sqs = fakeSqs(() => new Error('down'));
    const shared = forwarder(sqs.client, { backoff: { initialMs: 50, maxMs: 50 } });
    const pending = shared.forward('q', 'c', '{}');
    await new Promise((resolve) => setTimeout(resolve, 20));

    shared.abort();

    await expect(pending).rejects.toThrow(AbortedError);
  });

  it('refuses a body above the limit when no claim-check store is configured', async () => {
    const sqs = fakeSqs();
    await expect(forwarder(sqs.client, { maxMessageBytes: 1_024 }).forward('q', 'c', 'x'.repeat(2_000))).rejects.toThrow(
      MessageTooLargeError,
    );
    expect(sqs.calls).toHaveLength(0);
  });
});
