import { SERVICES } from '../functions/services';
import { ConfigError } from '../shared/config/errors';
import { loadLocalStart } from './start-settings';
import { startLocalRun } from './runner';

/** Longest stop: Docker sends SIGKILL 10 s after SIGTERM. */
const STOP_DEADLINE_MS = 8_000;

/** `npm start` (`node dist/local/main.js`): the whole product on this machine, until Ctrl-C or SIGTERM. */
async function main(): Promise<void> {
  // Everything this process writes (journals, dead letters, claim checks) is for this user only.
  process.umask(0o077);
  const env = process.env;
  const { settings, connectors } = loadLocalStart(env, SERVICES);
  for (const c of connectors) for (const warning of c.config.warnings) console.warn(`[${c.config.connector.name}] ${warning}`);
  const run = await startLocalRun({
    connectors,
    env,
    httpPort: settings.httpPort,
    httpHost: settings.httpHost,
    callbackBaseUrl: settings.callbackBaseUrl,
    stateDir: settings.stateDir,
    statsIntervalMs: settings.statsIntervalMs,
    mq: settings.mq,
    pipeline: settings.pipeline,
  });
  console.log(
    `Running ${connectors.length} connector(s): ${connectors.map((c) => `${c.config.connector.name} (${c.service.name})`).join(', ')}`,
  );
  console.log(`Health: ${run.bridge.url}/health. Ctrl-C stops; a kill loses nothing either.`);
  let stoppingSince: number | undefined;
  const shutdown = (signal: string) => {
    if (stoppingSince !== undefined) {
      // A second Ctrl-C a moment later means "stop now": nothing is lost, RabbitMQ and the journal keep it all.
      if (Date.now() - stoppingSince < 1000) return;
      console.log('Stopping now.');
      process.exit(130);
    }
    stoppingSince = Date.now();
    console.log(
      `${signal}: stopping (finishing work in progress; the rest stays in RabbitMQ or in ${settings.stateDir ?? '.local-state'})...`,
    );
    // Within Docker's 10 s between SIGTERM and SIGKILL, whatever the work in progress does.
    setTimeout(() => {
      console.log('Stopping now: work in progress did not finish in time and will be redelivered.');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
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
