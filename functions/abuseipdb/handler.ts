import { createSqsHandler } from '../../shared/service-kit';
import { abuseipdb } from './service';

export const handler = createSqsHandler(abuseipdb);
