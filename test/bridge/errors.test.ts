import { AbortedError, BridgeError, ForwardFailedError, MessageTooLargeError } from '../../functions/bridge';

describe('bridge errors', () => {
  it.each([
    [new AbortedError('stopping'), 'AbortedError', true],
    [new ForwardFailedError('SQS refused the entry (after 3 attempts)'), 'ForwardFailedError', true],
    [new MessageTooLargeError('message of 300000 bytes exceeds 262144 bytes'), 'MessageTooLargeError', false],
  ])('%s is a BridgeError named %s that says whether it may pass later (%s)', (error, name, retryable) => {
    expect(error).toBeInstanceOf(BridgeError);
    expect(error.name).toBe(name);
    expect(error.retryable).toBe(retryable);
  });

  it('keeps the error it was caused by', () => {
    const cause = new Error('S3 PutObject failed');
    expect(new ForwardFailedError('claim check failed', { cause }).cause).toBe(cause);
  });
});
