import { benchBundles, deployedFunctions, type BundleFigure } from './bundle-bench';

/**
 * `npx tsx test/bench/bundle-figures.ts`: each deployed function's bundle size and cold import,
 * as deployed (the AWS SDK left to the Lambda runtime, resolved from node_modules as the runtime
 * resolves its copy) and with the AWS SDK bundled, side by side.
 */
function main(): void {
  const functions = deployedFunctions();
  const deployed = benchBundles(functions);
  const bundledSdk = benchBundles(functions, { external: [] });
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const cell = (f: BundleFigure) =>
    `${kib(f.bytes)}: ${kib(f.atImportBytes)} / ${kib(f.firstInvocationBytes)}, ${f.coldImportMs.toFixed(0)} / ${f.coldLoadMs.toFixed(0)} ms, CPU ${f.coldImportCpuMs.toFixed(0)} / ${f.coldLoadCpuMs.toFixed(0)} ms`;
  const width = Math.max(...functions.map((f) => f.name.length));
  console.log(`${'function'.padEnd(width)}  ${'AWS SDK from the runtime (deployed)'.padEnd(64)}  AWS SDK bundled`);
  deployed.forEach((f, i) => console.log(`${f.name.padEnd(width)}  ${cell(f).padEnd(64)}  ${cell(bundledSdk[i]!)}`));
  console.log('shipped: loaded at import / by the first invocation; cold import wall time of the same two, then their CPU time');
  console.log('times: minimum of 5 fresh Node processes');
  console.log('targets: ≤ 500 KB, cold import ≤ 120 ms (minimum of 5 fresh processes)');
}

main();
