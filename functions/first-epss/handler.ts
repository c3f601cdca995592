import { createSqsHandler } from '../../shared/pipeline';
import { firstEpss } from './service';

export const handler = createSqsHandler(firstEpss);
