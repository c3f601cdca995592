export { createLogger, type Logger } from './logger';
export { redactingReplacer, redactText, REDACTED } from './redact';
