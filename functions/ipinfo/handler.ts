import { createSqsHandler } from '../../shared/pipeline';
import { ipinfo } from './service';

export const handler = createSqsHandler(ipinfo);
