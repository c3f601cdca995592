import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';

/** A status and the whole body of an HTTP answer, as text. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/** A status and the whole body of an HTTP answer, as bytes. */
export interface BinaryAnswer {
  status: number;
  body: Buffer;
}

/** Posts a JSON body to one fixed URL. */
export interface JsonTransport {
  post(body: string, headers: Readonly<Record<string, string>>): Promise<HttpAnswer>;
  /**
   * GETs `path` (absolute, e.g. `/storage/get/<id>`) of the same origin as the transport's URL,
   * with `maxBytes` as the size cap; absent on transports that only post.
   */
  get?(path: string, headers: Readonly<Record<string, string>>, maxBytes: number): Promise<BinaryAnswer>;
}

export interface HttpTransportOptions {
  /** Absolute `http:` or `https:` URL every request is posted to. */
  url: string;
  /** Verify the server's TLS certificate. @default true */
  sslVerify?: boolean;
  /** Deadline for a whole request, from sending to the last byte of the answer, in milliseconds. @default 60000 */
  timeoutMs?: number;
  /** Largest answer body accepted, in bytes. @default 32 MiB */
  maxResponseBytes?: number;
}

/** The request did not complete: no connection, a reset, the deadline passed, or an answer over the size cap. */
export class HttpTransportError extends Error {
  override readonly name = 'HttpTransportError';
  constructor(
    message: string,
    /** A Node.js error code (`ECONNREFUSED`, ...), `ETIMEDOUT`, or {@link RESPONSE_TOO_LARGE}. */
    readonly code: string,
  ) {
    super(message);
  }
}

/** {@link HttpTransportError.code} of an answer larger than `maxResponseBytes`. */
export const RESPONSE_TOO_LARGE = 'ERESPONSETOOLARGE';

/**
 * JSON over `node:http(s)` with one keep-alive agent per transport, so that consecutive requests
 * reuse a socket; no redirects are followed (a 3xx is an answer like any other). Its errors carry
 * no request headers, so a bearer token cannot leak through them.
 */
export function createHttpTransport(options: HttpTransportOptions): JsonTransport {
  const target = urlToHttpOptions(new URL(options.url));
  const secure = target.protocol === 'https:';
  // Created once: the agent is what keeps sockets open between requests.
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, rejectUnauthorized: options.sslVerify ?? true })
    : new HttpAgent({ keepAlive: true });
  const send: (options: RequestOptions, onAnswer: (res: IncomingMessage) => void) => ClientRequest = secure ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
  const base: RequestOptions = { ...target, agent };

  const exchange = (request: RequestOptions, payload: Buffer | undefined, maxBytes: number) =>
    new Promise<BinaryAnswer>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => fail(new HttpTransportError(`no answer within ${timeoutMs} ms`, 'ETIMEDOUT')), timeoutMs);
      const fail = (error: Error & { code?: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(error instanceof HttpTransportError ? error : new HttpTransportError(error.message, error.code ?? 'network error'));
      };
      const tooLarge = () => new HttpTransportError(`an answer over ${maxBytes} bytes`, RESPONSE_TOO_LARGE);
      const req = send(request, (res) => {
        if (Number(res.headers['content-length']) > maxBytes) return fail(tooLarge());
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) fail(tooLarge());
          else chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks, size) });
        });
        res.on('error', fail);
        res.on('close', () => {
          // After 'end' this is the normal close: build no error (and no stack) for it.
          if (!settled) fail(new HttpTransportError('the connection closed before the answer was complete', 'ECONNRESET'));
        });
      });
      req.on('error', fail);
      req.end(payload);
    });

  return {
    post: async (body, headers) => {
      const payload = Buffer.from(body, 'utf8');
      const answer = await exchange(
        { ...base, method: 'POST', headers: { ...headers, 'Content-Length': String(payload.length) } },
        payload,
        maxResponseBytes,
      );
      return { status: answer.status, body: answer.body.toString('utf8') };
    },
    get: async (path, headers, maxBytes) => {
      // Only a path of this origin: the request carries the platform token, so it never leaves for another host.
      if (!path.startsWith('/') || path.startsWith('//'))
        throw new HttpTransportError(`not a path of this origin: ${path.slice(0, 80)}`, 'EPATH');
      return exchange({ ...base, method: 'GET', path, headers }, undefined, maxBytes);
    },
  };
}
