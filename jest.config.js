/**
 * Jest runs TypeScript through @swc/jest (no type check: `npm run typecheck` does that).
 * Two projects: `unit` needs nothing running (`npm run test:unit`); `integration` talks to the
 * real RabbitMQ on 127.0.0.1:5672 or starts the product as a user would (`npm run
 * test:integration`). `npm test` runs both.
 */
const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // middy 6 is ESM-only: let swc transform it.
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
};

/** Bridge suites that need no broker: the rest of test/bridge/ does. */
const BROKERLESS_BRIDGE = '(config|heartbeat|sqs-forwarder|callback-limits|health-redaction)\\.test\\.ts$';
/** Suites that need RabbitMQ or start the product (regular expressions over the path). */
const INTEGRATION = ['/test/e2e/', `/test/bridge/(?!${BROKERLESS_BRIDGE})`, '/test/pipeline/amqp-publish\\.test\\.ts$'];

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...INTEGRATION],
    },
    {
      ...common,
      displayName: 'integration',
      // The end-to-end suites start the product as `npm start` does: built JavaScript, built once here.
      globalSetup: '<rootDir>/test/e2e/build-product.ts',
      testRegex: INTEGRATION.map((pattern) => `${pattern}.*\\.test\\.ts$|${pattern}$`),
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
