import axios from 'axios';
import { createLogger, redactText } from '../../shared/logging';

function captureOutput(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
}

describe('createLogger', () => {
  it('writes a request that carried a token without the token', async () => {
    const token = 'opencti-token-7f3a9c';
    const apiKey = 'vendor-key-55aa';
    const out = captureOutput();
    try {
      const logger = createLogger({ serviceName: 'test', level: 'DEBUG', secrets: () => [token, apiKey] });
      const request = axios.create({
        baseURL: 'http://127.0.0.1:1',
        headers: { Authorization: `Bearer ${token}`, Key: apiKey },
        timeout: 500,
      });
      const error = await request.get(`/check?ipAddress=1.1.1.1&key=${apiKey}`).catch((e: unknown) => e as Error);
      logger.error('lookup failed', {
        error,
        headers: { Authorization: `Bearer ${token}` },
        url: `https://user:${token}@host/x?token=${token}`,
      });
      logger.info(`message that quotes ${apiKey} in its text`);
    } finally {
      out.restore();
    }
    const text = out.lines.join('');
    expect(text).toContain('lookup failed');
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain(token);
    expect(text).not.toContain(apiKey);
  });

  it('writes nothing below its level', () => {
    const out = captureOutput();
    try {
      createLogger({ serviceName: 'test', level: 'ERROR' }).info('hidden');
    } finally {
      out.restore();
    }
    expect(out.lines.join('')).not.toContain('hidden');
  });
});

describe('redactText', () => {
  it('removes bearer tokens, URL credentials and known secrets', () => {
    expect(redactText('Authorization: Bearer abc.def-123 at https://u:p@h/x?apikey=zzz&q=1 with s3cr3t', ['s3cr3t'])).toBe(
      'Authorization: Bearer [REDACTED] at https://[REDACTED]@h/x?apikey=[REDACTED]&q=1 with [REDACTED]',
    );
  });
});
