export { OpenCtiClient, type OpenCtiClientOptions } from './client';
export { ALL_DOCUMENTS } from './documents';
export { OpenCtiAuthError, OpenCtiError, OpenCtiGraphQLError, OpenCtiHttpError, OpenCtiUnavailableError } from './errors';
export type { ConnectorRegistration, ObjectMarking, PlaybookContext, RegisterConnectorInput } from './types';
export {
  createHttpTransport,
  HttpTransportError,
  RESPONSE_TOO_LARGE,
  type HttpAnswer,
  type HttpTransportOptions,
  type JsonTransport,
} from './http-transport';
