import { OpenCtiClient, type OpenCtiClientOptions } from '../../../shared/opencti';

/** The OpenCTI operations the bridge uses. */
export type OpenCtiApi = Pick<OpenCtiClient, 'health' | 'registerConnector' | 'pingConnector'>;

/** Builds a connector's OpenCTI client from its token. */
export type CreateOpenCtiApi = (options: OpenCtiClientOptions) => OpenCtiApi;

/** Production: one {@link OpenCtiClient} per token. */
export const defaultOpenCtiClient: CreateOpenCtiApi = (options) => new OpenCtiClient(options);
