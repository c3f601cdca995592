import { createSqsHandler } from '../../shared/service-kit';
import { shodanInternetdb } from './service';

export const handler = createSqsHandler(shodanInternetdb);
