export { createLogger, type Logger } from './logger';
export { redactText } from './redact';
