import { benchBundles, deployedFunctions, type BundleFigure } from './bundle-bench';

/**
 * `npx tsx test/bench/bundle-figures.ts`: each deployed function's bundle size and cold imports, as
 * deployed (the AWS SDK left to the Lambda runtime, resolved from node_modules as the runtime
 * resolves its copy) and with the AWS SDK bundled, side by side; then what `queueProtocol: amqp`
 * adds to an enrichment function.
 */
function main(): void {
  const functions = deployedFunctions();
  const deployed = benchBundles(functions);
  const bundledSdk = benchBundles(functions, { external: [] });
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const ms = (...values: number[]) => values.map((v) => v.toFixed(0)).join(' / ');
  const cell = (f: BundleFigure) =>
    `${kib(f.bytes)}: ${kib(f.atImportBytes)} / ${kib(f.firstInvocationBytes)} / ${kib(f.deployedByDefaultBytes)}, ` +
    `${ms(f.coldImportMs, f.coldLoadMs, f.coldDeployedMs)} ms, CPU ${ms(f.coldImportCpuMs, f.coldLoadCpuMs, f.coldDeployedCpuMs)} ms`;
  const width = Math.max(...functions.map((f) => f.name.length));
  const column = Math.max(...deployed.map((f) => cell(f).length));
  console.log(`${'function'.padEnd(width)}  ${'AWS SDK from the runtime (deployed)'.padEnd(column)}  AWS SDK bundled`);
  deployed.forEach((f, i) => console.log(`${f.name.padEnd(width)}  ${cell(f).padEnd(column)}  ${cell(bundledSdk[i]!)}`));
  console.log(
    'shipped: loaded at import / by the first invocation / by the first invocation as deployed by default (token in Secrets Manager, quota table set);',
  );
  console.log('cold wall time of importing the same three, then their CPU time; sizes count shipped .mjs only (not the runtime SDK)');
  console.log('times: minimum of 5 fresh Node processes');

  const [first] = functions;
  const [amqp] = benchBundles([first!], { amqp: true, runs: 1 });
  console.log(
    `${first!.name} with queueProtocol amqp: ${kib(amqp!.bytes)} shipped (+${kib(amqp!.bytes - deployed[0]!.bytes)} of amqplib, ` +
      `loaded only by CONNECTOR_QUEUE_PROTOCOL=amqp), ${kib(amqp!.atImportBytes)} at import`,
  );
  console.log('targets: ≤ 500 KB, cold import ≤ 120 ms (minimum of 5 fresh processes)');
}

main();
