export * from './documents';
export * from './errors';
export * from './types';
export * from './version';
export * from './client';
export {
  createHttpTransport,
  HttpTransportError,
  RESPONSE_TOO_LARGE,
  type HttpAnswer,
  type HttpTransportOptions,
  type JsonTransport,
} from './http-transport';
