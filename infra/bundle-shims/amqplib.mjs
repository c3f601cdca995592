// Stands in for amqplib in the bundle of a function whose connector publishes over the API
// (`queueProtocol: api` in the deployment file, the default; infra/bundling.ts). Such a function
// never opens an AMQP connection, so amqplib (124 KiB) is left out; should its
// CONNECTOR_QUEUE_PROTOCOL be changed to amqp by hand, connecting fails with what to do instead.
export const AMQPLIB_LEFT_OUT =
  "amqplib is not in this function's bundle: the function was deployed with `queueProtocol: api` (CONNECTOR_QUEUE_PROTOCOL=api). " +
  'To publish over AMQP, set `queueProtocol: amqp` for the connector in the deployment file and deploy again.';

export async function connect() {
  throw new Error(AMQPLIB_LEFT_OUT);
}

export default { connect };
