import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

/** A fauxqs server (SQS and S3 on loopback) running in a child process. */
export interface FauxqsProcess {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

// fauxqs is ESM-only and jest runs CommonJS: run it as a native ES module in a child process.
const SCRIPT = `
import { startFauxqs } from 'fauxqs';
const server = await startFauxqs({ port: Number(process.env.FAUXQS_PORT || 0), logger: false });
process.stdout.write(JSON.stringify({ port: server.port }) + '\\n');
process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
`;

/** Starts fauxqs on `port` (0 for any free port) and resolves once it listens. */
export async function startFauxqsProcess(port = 0): Promise<FauxqsProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: resolve(__dirname, '../..'),
    env: { ...process.env, FAUXQS_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const line = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (text) => {
      lines.close();
      done(text);
    });
    child.once('exit', (code) => fail(new Error(`fauxqs exited with ${code} before listening`)));
  });
  const actualPort = (JSON.parse(line) as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** An SQS client for a loopback endpoint (fauxqs, or a proxy in front of it). */
export function loopbackSqsClient(endpoint: string, options: { maxAttempts?: number } = {}): SQSClient {
  return new SQSClient({ endpoint, region: 'us-east-1', credentials, useQueueUrlAsEndpoint: false, maxAttempts: options.maxAttempts ?? 3 });
}

/** An S3 client for fauxqs (path-style: no DNS for bucket subdomains on loopback). */
export function loopbackS3Client(endpoint: string): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', credentials, forcePathStyle: true });
}
