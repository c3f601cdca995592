import { benchBundles, deployedFunctions, type BundleFigure } from './bundle-bench';

/**
 * `npx tsx test/bench/bundle-figures.ts`: each deployed function's bundle size and cold import,
 * as deployed (AWS SDK from the Lambda runtime) and with the AWS SDK bundled, side by side.
 */
function main(): void {
  const functions = deployedFunctions();
  const deployed = benchBundles(functions);
  const bundledSdk = benchBundles(functions, { external: [] });
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const cell = (f: BundleFigure) =>
    `${kib(f.bytes - f.amqpOnlyBytes)} (+${kib(f.amqpOnlyBytes)} amqp), import ${f.coldImportMs.toFixed(0)} / ${f.coldLoadAllMs.toFixed(0)} ms, CPU ${f.coldImportCpuMs.toFixed(0)} / ${f.coldLoadAllCpuMs.toFixed(0)} ms`;
  const width = Math.max(...functions.map((f) => f.name.length));
  console.log(`${'function'.padEnd(width)}  ${'runtime SDK (deployed)'.padEnd(68)}  AWS SDK bundled`);
  deployed.forEach((f, i) => console.log(`${f.name.padEnd(width)}  ${cell(f).padEnd(68)}  ${cell(bundledSdk[i]!)}`));
  console.log('import: wall time of index.mjs alone / then every chunk an API-mode invocation loads; CPU: the same in CPU time');
  console.log('each the minimum of 5 fresh processes');
  console.log('targets: ≤ 500 KB, cold import ≤ 120 ms (minimum of 5 fresh processes)');
}

main();
