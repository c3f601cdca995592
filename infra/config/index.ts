export * from './types';
export * from './errors';
export * from './load';
export { LOG_RETENTION_DAYS } from './schema';
export * from './catalog';
