import { createSqsHandler } from '../../shared/pipeline';
import { googleDns } from './service';

export const handler = createSqsHandler(googleDns);
