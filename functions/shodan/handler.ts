import { createSqsHandler } from '../../shared/service-kit';
import { shodan } from './service';

export const handler = createSqsHandler(shodan);
