import { createSqsHandler } from '../../shared/service-kit';
import { hybridAnalysisSandbox } from './service';

export const handler = createSqsHandler(hybridAnalysisSandbox);
