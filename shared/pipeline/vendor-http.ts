import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance } from 'axios';

/** Largest vendor answer (and request body) accepted: well above any lookup answer, far below the function's memory. */
export const VENDOR_MAX_BYTES = 10 * 1024 * 1024;

const AXIOS_TCP_KEEPALIVE_MS = 60_000;

/**
 * The axios instance a service's lookup gets: the vendor base URL, a timeout, keep-alive agents
 * made once per container, a size cap, and no redirects. With `maxRedirects: 0` axios uses plain
 * `http`/`https` rather than follow-redirects (less work per request), and a vendor can never send
 * the API key header on to another host: a 3xx is an unexpected answer like any other.
 */
export function createVendorHttp(options: { baseUrl: string; timeoutMs: number }): AxiosInstance {
  return axios.create({
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    // axios sets TCP keep-alive to 60 s on every request's socket; the agents set the same value when
    // they take a socket back, so the setting is not toggled (two system calls) on every request.
    httpAgent: new HttpAgent({ keepAlive: true, keepAliveMsecs: AXIOS_TCP_KEEPALIVE_MS }),
    httpsAgent: new HttpsAgent({ keepAlive: true, keepAliveMsecs: AXIOS_TCP_KEEPALIVE_MS }),
    maxRedirects: 0,
    maxContentLength: VENDOR_MAX_BYTES,
    maxBodyLength: VENDOR_MAX_BYTES,
  });
}
