export * from './errors';
export * from './raw-value';
export * from './source';
export * from './settings';
export * from './coerce';
export * from './secret-ref';
export * from './secrets';
export * from './connector-config';
