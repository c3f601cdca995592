import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Lints each source text as if it were the named file, with the project's ESLint configuration: the messages of `rule`. */
function lintMessages(rule: string, cases: Array<{ file: string; code: string }>): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const [rule, cases] = JSON.parse(process.argv[1]);
    const out = [];
    for (const { file, code } of cases) {
      const [result] = await eslint.lintText(code, { filePath: file });
      out.push(result.messages.filter((m) => m.ruleId === rule).map((m) => m.message));
    }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify([rule, cases])], {
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
  const found = lintMessages(
    'no-restricted-imports',
    cases.map(({ file, code }) => ({ file, code: `${code}\nexport { };\n` })),
  );

  it.each(cases.map((c, i) => ({ ...c, i })))('$file: $code → allowed $allowed', ({ i, allowed }) => {
    if (allowed) expect(found[i]).toEqual([]);
    else expect(found[i]).toHaveLength(1);
  });
});

describe('request paths in service folders (eslint)', () => {
  const cases = [
    { code: 'getJson(ctx, `/v3/ip/${ip}`, schema);', allowed: false },
    { code: 'getShodanJson(ctx, `/shodan/host/${ip}`, schema);', allowed: false },
    { code: 'ctx.http.post(`/report/${id}/summary`, form);', allowed: false },
    { code: 'const target = { path: `/files/${hash}` };', allowed: false },
    { code: 'getJson(ctx, vendorPath`/v3/ip/${ip}`, schema);', allowed: true },
    { code: "getJson(ctx, '/check', schema, { params: { ip } });", allowed: true },
    { code: 'const target = { path: vendorPath`/files/${hash}` };', allowed: true },
  ];
  const found = lintMessages(
    'no-restricted-syntax',
    cases.map(({ code }) => ({
      file: 'functions/abuseipdb/planted.ts',
      code: `declare const getJson: any, getShodanJson: any, vendorPath: any, ctx: any, schema: any, ip: string, id: string, hash: string, form: string;\n${code}\nexport { };\n`,
    })),
  );

  it.each(cases.map((c, i) => ({ ...c, i })))('$code → allowed $allowed', ({ i, allowed }) => {
    if (allowed) expect(found[i]).toEqual([]);
    else expect(found[i]).toEqual([expect.stringContaining('vendorPath')]);
  });
});
