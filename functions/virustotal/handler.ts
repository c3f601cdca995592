import { createSqsHandler } from '../../shared/service-kit';
import { virustotal } from './service';

export const handler = createSqsHandler(virustotal);
