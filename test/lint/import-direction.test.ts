import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Lints each source text as if it were the named file, with the project's ESLint configuration. */
function restrictedImports(cases: Array<{ file: string; code: string }>): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const cases = JSON.parse(process.argv[1]);
    const out = [];
    for (const { file, code } of cases) {
      const [result] = await eslint.lintText(code, { filePath: file });
      out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
    }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], {
    cwd: join(__dirname, '..', '..'),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

describe('the direction of imports (eslint)', () => {
  const cases = [
    { file: 'shared/pipeline/planted.ts', code: "import { SERVICES } from '../../functions/services';", allowed: false },
    { file: 'shared/planted.ts', code: "import { startLocalRun } from '../local/runner';", allowed: false },
    { file: 'shared/stix/planted.ts', code: "import { x } from '../../test/helpers/x';", allowed: false },
    { file: 'functions/abuseipdb/planted.ts', code: "import { RetryableError } from '../../shared/pipeline/errors';", allowed: false },
    { file: 'functions/abuseipdb/planted.ts', code: "import { lookupIpinfo } from '../ipinfo/lookup';", allowed: false },
    { file: 'functions/abuseipdb/planted.ts', code: "import { getJson } from '../../shared/service-kit';", allowed: true },
    { file: 'functions/bridge/planted.ts', code: "import { SERVICES } from '../services';", allowed: false },
    { file: 'functions/bridge/consume/planted.ts', code: "import { abuseipdb } from '../../abuseipdb/service';", allowed: false },
    { file: 'functions/bridge/planted.ts', code: "import { createLogger } from '../../shared/logging';", allowed: true },
    { file: 'local/planted.ts', code: "import { x } from '../test/helpers/x';", allowed: false },
    { file: 'local/planted.ts', code: "import { SERVICES } from '../functions/services';", allowed: true },
    { file: 'infra/planted.ts', code: "import { SERVICES } from '../functions/services';", allowed: true },
    { file: 'infra/planted.ts', code: "import { startLocalRun } from '../local/runner';", allowed: false },
  ];
  const found = restrictedImports(cases.map(({ file, code }) => ({ file, code: `${code}\nexport { };\n` })));

  it.each(cases.map((c, i) => ({ ...c, i })))('$file: $code → allowed $allowed', ({ i, allowed }) => {
    if (allowed) expect(found[i]).toEqual([]);
    else expect(found[i]).toHaveLength(1);
  });
});
