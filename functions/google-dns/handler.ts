import { createSqsHandler } from '../../shared/service-kit';
import { googleDns } from './service';

export const handler = createSqsHandler(googleDns);
