export { OpenCtiClient, type OpenCtiClientOptions } from './client';
export { ALL_DOCUMENTS } from './documents';
export { OpenCtiAuthError, OpenCtiError, OpenCtiGraphQLError } from './errors';
export type { ConnectorRegistration, PlaybookContext, RegisterConnectorInput } from './types';
