import { SERVICES } from '../functions/services';
import { ConfigError } from '../shared/config/errors';
import { loadLocalStart } from './start-settings';
import { startLocalRun } from './runner';

/** `npm start`: the whole product on this machine, until Ctrl-C. */
async function main(): Promise<void> {
  const env = process.env;
  const { settings, connectors } = loadLocalStart(env, SERVICES);
  for (const c of connectors) for (const warning of c.config.warnings) console.warn(`[${c.config.connector.name}] ${warning}`);
  const run = await startLocalRun({
    connectors,
    env,
    httpPort: settings.httpPort,
    httpHost: settings.httpHost,
    callbackBaseUrl: settings.callbackBaseUrl,
    spoolDir: settings.stateDir,
    statsIntervalMs: settings.statsIntervalMs,
    mq: settings.mq,
    pipeline: settings.pipeline,
  });
  console.log(
    `Running ${connectors.length} connector(s): ${connectors.map((c) => `${c.config.connector.name} (${c.service.name})`).join(', ')}`,
  );
  console.log(`Health: ${run.bridge.url}/health. Ctrl-C stops without losing messages.`);
  let firstSignalAt: number | undefined;
  const shutdown = (signal: string) => {
    if (firstSignalAt !== undefined) {
      // A terminal's Ctrl-C reaches both tsx and this process, which tsx relays again: only a
      // second Ctrl-C a moment later means "stop now".
      if (Date.now() - firstSignalAt < 1000) return;
      console.log('Stopping now, without saving what is queued.');
      process.exit(130);
    }
    firstSignalAt = Date.now();
    console.log(`${signal}: stopping (finishing work in progress, saving what is queued)...`);
    run.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`Shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? error.message : `Cannot start: ${error.message}`);
  process.exit(1);
});
