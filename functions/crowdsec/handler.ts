import { createSqsHandler } from '../../shared/service-kit';
import { crowdsec } from './service';

export const handler = createSqsHandler(crowdsec);
