import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryTwinStore, Twin } from '../../model/index.js';
import { nmapOperations } from './nmap-import.js';
import { parseNmapXml } from './nmap-xml.js';

/**
 * Scans real sockets with the real Nmap, so the parser meets what Nmap writes today rather than
 * what we believe it writes. Without Nmap the test is skipped locally, loudly; on CI (CI=true) a
 * missing Nmap fails it, so the check cannot silently stop running.
 */
const run = promisify(execFile);
const nmapOnPath = isOnPath('nmap');

function isOnPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Banners Nmap's version detection recognises from its NULL probe alone, so -sV stays fast. */
const sshBanner = 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\r\n';
const smtpBanner = '220 mail.example.com ESMTP Postfix\r\n';

const servers: Server[] = [];
const sockets = new Set<Socket>();

async function listen(banner?: string): Promise<Server> {
  const server = createServer((socket) => {
    sockets.add(socket);
    // Nmap resets connections once it has seen enough; that is no error of the test.
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    if (banner) socket.write(banner);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return server;
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  return address.port;
}

/** A port nobody listens on: one the system just handed out and that was given back. */
async function closedPort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  servers.splice(servers.indexOf(server), 1);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('Nmap, for real', () => {
  it('scans two listening ports and a closed one, and the twin gets two services', async (context) => {
    if (!nmapOnPath) {
      if (process.env.CI === 'true')
        throw new Error('nmap is not on the PATH: on CI the live Nmap test must run');
      console.warn(
        '\n*** SKIPPED: nmap is not on the PATH; the live Nmap test did not run. Install nmap. ***\n',
      );
      context.skip();
    }
    const ssh = portOf(await listen(sshBanner));
    const smtp = portOf(await listen(smtpBanner));
    const closed = await closedPort();
    const args = ['-sT', '-sV', '-Pn', '-n', '-p', `${ssh},${smtp},${closed}`, '-oX', '-', '127.0.0.1'];
    const { stdout } = await run('nmap', args, { timeout: 60_000 });

    const scan = parseNmapXml(stdout);
    expect(scan.problems).toEqual([]);
    const [loopback] = scan.hosts;
    const stateOf = (port: number) => loopback?.ports.find((item) => item.port === port)?.state;
    expect([stateOf(ssh), stateOf(smtp), stateOf(closed)]).toEqual(['open', 'open', 'closed']);
    const sshService = loopback?.ports.find((item) => item.port === ssh)?.service;
    expect(sshService).toMatchObject({ name: 'ssh', product: 'OpenSSH' });
    expect(sshService?.cpes).toContain('cpe:/a:openbsd:openssh:8.9p1');

    const twin = await Twin.open({ store: new MemoryTwinStore() });
    const loopbackHost = { id: 'host:loopback', kind: 'host', props: { ipAddresses: ['127.0.0.1'] } };
    await twin.apply({
      actor: 'test',
      reason: 'estate',
      ops: [{ op: 'upsert-entity', entity: loopbackHost }],
    });
    const result = nmapOperations(twin.live, scan, { mode: 'strict' });
    await twin.apply({ actor: 'test', reason: 'nmap scan of loopback', ops: result.operations });
    const services = twin.live.incoming('host:loopback', 'runs-on').map((relation) => relation.from);
    expect(services.sort()).toEqual(
      [`network-service:loopback/tcp/${smtp}`, `network-service:loopback/tcp/${ssh}`].sort(),
    );
    expect(twin.live.entity(`network-service:loopback/tcp/${ssh}`)?.props).toMatchObject({
      name: 'ssh',
      port: ssh,
    });
  }, 90_000);
});
