export * from './documents';
export * from './errors';
export * from './types';
export * from './version';
export * from './client';
