/**
 * docker-compose.yml and `npm run test:production` must run the same Temporal with the same files:
 * what the production test verified is then what compose ships. These checks read the files only
 * (no Docker engine here), so they run in `npm test`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { TEMPORAL_BINARIES } from '../../platform/temporal-binaries';
import { DEV_SERVER_DYNAMIC_CONFIG } from '../../platform/temporal-dev-server';
import { DEPLOY_TEMPORAL_DIR } from '../../production/temporal-cluster';
import { readPinnedServerVersion } from '../../production/temporal-server-build';
import { searchAttributeNames } from '../../workflows/definitions';

const ROOT = path.resolve(__dirname, '..', '..');
const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const deployFile = (name: string) => fs.readFileSync(path.join(DEPLOY_TEMPORAL_DIR, name), 'utf8');

/** The text of one compose service, up to the next service. */
function service(name: string): string {
  const match = new RegExp(`^  ${name}:\\n((?:    .*\\n|\\n)*)`, 'm').exec(compose);
  assert.ok(match, `docker-compose.yml has no service ${name}`);
  return match[1];
}

describe('docker-compose.yml and the verified configuration', () => {
  test('every Temporal image carries the server version the production build pins, as does the dev server', () => {
    const version = readPinnedServerVersion();
    const tags = [...compose.matchAll(/image: temporalio\/(server|admin-tools):(\S+)/g)].map((m) => m[2]);
    assert.deepEqual(tags, [version, version, version]);
    assert.equal(TEMPORAL_BINARIES.cli.serverVersion, version);
  });

  test('the server reads deploy/temporal/config.yaml and dynamicconfig.yaml', () => {
    const temporal = service('temporal');
    assert.match(temporal, /- \.\/deploy\/temporal:\/etc\/temporal\/flowbot:ro/);
    assert.match(temporal, /TEMPORAL_SERVER_CONFIG_FILE_PATH: \/etc\/temporal\/flowbot\/config\.yaml/);
    assert.match(temporal, /DYNAMIC_CONFIG_FILE_PATH: \/etc\/temporal\/flowbot\/dynamicconfig\.yaml/);
  });

  test('the one-shots run the shared schema and namespace scripts', () => {
    for (const [name, script] of [
      ['temporal-schema', 'setup-schema.sh'],
      ['temporal-namespace', 'setup-namespace.sh'],
    ]) {
      const text = service(name);
      assert.match(text, /- \.\/deploy\/temporal:\/etc\/temporal\/flowbot:ro/, name);
      assert.ok(text.includes(`entrypoint: ['/bin/sh', '/etc/temporal/flowbot/${script}']`), name);
    }
  });

  test('the namespace script registers every search attribute our runs set', () => {
    const script = deployFile('setup-namespace.sh');
    const names = /^attributes="([\w ]+)"$/m.exec(script)?.[1].split(' ');
    assert.deepEqual(names?.sort(), Object.values(searchAttributeNames).sort());
  });

  test("production's dynamic config sets what the dev server gets", () => {
    const dynamicConfig = deployFile('dynamicconfig.yaml');
    for (const setting of DEV_SERVER_DYNAMIC_CONFIG) {
      const [key, value] = setting.split('=');
      assert.match(dynamicConfig, new RegExp(`^${key.replaceAll('.', '\\.')}:\\n  - value: ${value}$`, 'm'));
    }
  });
});
