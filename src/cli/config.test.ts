import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/index.js';
import { loadConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'infratwin-config-'));

function configFile(text: string): string {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('inventory.sync in the config file', () => {
  it('reads NetBox, Kubernetes and file sources', () => {
    const file = configFile(`
inventory:
  sync:
    - { from: netbox, name: dc1, url: https://netbox.example.com, tokenFile: /etc/infratwin/netbox.token, everyMs: 900000, prune: true }
    - { from: k8s, name: prod, server: https://10.0.0.1:6443, tokenFile: /var/run/token, caFile: /var/run/ca.crt, everyMs: 300000 }
    - { from: terraform, name: shop, file: /srv/terraform.tfstate, everyMs: 600000 }
`);
    const config = loadConfig({ file, env: {} });
    expect(config.inventory.sync.map((job) => `${job.from}:${job.name}`)).toStrictEqual([
      'netbox:dc1',
      'k8s:prod',
      'terraform:shop',
    ]);
    expect(loadConfig({ env: {} }).inventory.sync).toStrictEqual([]);
  });

  it('names every bad field of every source, with the file', () => {
    const file = configFile(`
inventory:
  sync:
    - { from: netbax, name: dc1, everyMs: 900000 }
    - { from: netbox, name: dc1, url: ftp://netbox, everyMs: 1000 }
    - { from: k8s, name: prod, server: https://k8s:6443, everyMs: 60000 }
    - { from: aws, name: acct, everyMs: 60000 }
    - { from: netbox, name: dc1, file: /srv/netbox.json, everyMs: 60000 }
`);
    const error = (() => {
      try {
        loadConfig({ file, env: {} });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues.map((issue) => `${issue.field}: ${issue.message}`)).toStrictEqual([
      'inventory.sync[0].from: must be one of netbox, k8s, terraform, aws, dtdl, snmp',
      "inventory.sync[0].file: 'netbax' is read from a file: give its path",
      'inventory.sync[1].everyMs: must be at least 10000',
      "inventory.sync[1].url: must be NetBox's http(s) URL (or give `file`)",
      'inventory.sync[1].tokenFile: must be the path of a file holding the API token',
      'inventory.sync[2].tokenFile: must be the path of a file holding a bearer token',
      "inventory.sync[3].file: 'aws' is read from a file: give its path",
      "inventory.sync[4].name: 'netbox:dc1' is configured twice",
    ]);
    expect((error as InputError).issues.every((issue) => issue.file === file)).toBe(true);
  });
});
