import { createSqsHandler } from '../../shared/pipeline';
import { shodanInternetdb } from './service';

export const handler = createSqsHandler(shodanInternetdb);
