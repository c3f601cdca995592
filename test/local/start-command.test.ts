import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNodeOptions } from '../e2e/product';

describe('the one-machine product starts the same way everywhere', () => {
  it('bounds the V8 heap in npm start, so memory stays flat whatever the backlog', () => {
    expect(startNodeOptions()).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
  });

  it('runs the Docker local target with the Node.js options of npm start', () => {
    const dockerfile = readFileSync(join(__dirname, '..', '..', 'functions', 'bridge', 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*"dist\/local\/main\.js"\])$/m.exec(dockerfile);
    expect(cmd).not.toBeNull();
    const args = JSON.parse(cmd![1]!) as string[];
    expect(args).toEqual(['node', ...startNodeOptions(), 'dist/local/main.js']);
  });
});
