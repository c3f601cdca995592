import { createSqsHandler } from '../../shared/pipeline';
import { abuseipdb } from './service';

export const handler = createSqsHandler(abuseipdb);
