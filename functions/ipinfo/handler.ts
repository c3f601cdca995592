import { createSqsHandler } from '../../shared/service-kit';
import { ipinfo } from './service';

export const handler = createSqsHandler(ipinfo);
