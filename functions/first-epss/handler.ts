import { createSqsHandler } from '../../shared/service-kit';
import { firstEpss } from './service';

export const handler = createSqsHandler(firstEpss);
