import { createSqsHandler } from '../../shared/service-kit';
import { greynoise } from './service';

export const handler = createSqsHandler(greynoise);
