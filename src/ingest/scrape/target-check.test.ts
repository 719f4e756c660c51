import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../../model/index.js';
import {
  type AllowList,
  checkTarget,
  compileAllowList,
  type ResolvedAddress,
  type Resolver,
} from './index.js';

function resolver(answers: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    const found = answers[hostname];
    if (found === undefined)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

async function reasonOf(url: string, list: AllowList, resolve?: Resolver): Promise<string> {
  const check = await checkTarget(url, list, resolve ?? resolver({}));
  if (check.ok) throw new Error(`expected ${url} to be refused`);
  return check.reason;
}

describe('compileAllowList', () => {
  it.each([
    ['10.1.2.3/8', /host bits set/],
    ['10.0.0.0/33', /prefix length/],
    ['010.0.0.1', /not an IPv4 or IPv6 address/],
    ['bad name!', /not a host name/],
    ['10.0.*.*', /write address ranges as CIDR/],
    ['', /non-empty/],
  ])('refuses %j, naming the entry', (entry, message) => {
    try {
      compileAllowList(['127.0.0.1', entry]);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues).toEqual([
        { field: 'allowList[1]', message: expect.stringMatching(message) },
      ]);
      return;
    }
    throw new Error('expected an InputError');
  });

  it('lets * stand for part of one label only', async () => {
    const list = compileAllowList(['node-*.example.com', 'Metrics.Example.ORG.']);
    const resolve = resolver({
      'node-7.example.com': ['192.0.2.7'],
      'node-7.evil.example.com': ['192.0.2.8'],
      'metrics.example.org': ['192.0.2.9'],
    });
    expect((await checkTarget('http://node-7.example.com:9100/metrics', list, resolve)).ok).toBe(true);
    expect((await checkTarget('http://metrics.example.org/metrics', list, resolve)).ok).toBe(true);
    expect(await reasonOf('http://node-7.evil.example.com/', list, resolve)).toMatch(/not on the allow-list/);
    expect(await reasonOf('http://node-7.example.com.evil.net/', list, resolve)).toMatch(
      /not on the allow-list/,
    );
  });
});

describe('checkTarget', () => {
  const networks = compileAllowList([
    '10.0.0.0/8',
    '127.0.0.1/32',
    '::1/128',
    'metrics.internal',
    'node-*.internal',
  ]);

  it('admits address literals inside an allowed network, and only those', async () => {
    expect(await checkTarget('http://10.1.2.3:9100/metrics', networks)).toMatchObject({
      ok: true,
      addresses: [{ address: '10.1.2.3', family: 4 }],
    });
    expect(await checkTarget('http://[::1]:9100/metrics', networks)).toMatchObject({
      ok: true,
      addresses: [{ address: '::1', family: 6 }],
    });
    expect(await reasonOf('http://127.0.0.2/', networks)).toBe('127.0.0.2 is not in an allowed network');
    expect(await reasonOf('http://[::ffff:a9fe:a9fe]/', networks)).toMatch(/not in an allowed network/);
    // WHATWG URL parsing turns 2130706433 into 127.0.0.1 before any check sees it.
    expect((await checkTarget('http://2130706433:9100/', networks)).ok).toBe(true);
  });

  it('never lets a name entry admit an address literal', async () => {
    const namesOnly = compileAllowList(['metrics.internal']);
    expect(await reasonOf('http://127.0.0.1/', namesOnly)).toMatch(/not in an allowed network/);
  });

  it('refuses other schemes and credentials', async () => {
    expect(await reasonOf('file:///etc/passwd', networks)).toMatch(/scheme file:/);
    expect(await reasonOf('gopher://10.0.0.1/', networks)).toMatch(/scheme gopher:/);
    expect(await reasonOf('http://user:secret@10.0.0.1/', networks)).toBe(
      'credentials in the URL are not supported',
    );
    expect(await reasonOf('not a url', networks)).toBe('not a URL');
  });

  it('refuses a name that is not listed without resolving it', async () => {
    const resolve = resolver({ 'other.internal': ['10.0.0.9'] });
    expect(await reasonOf('http://other.internal/', networks, resolve)).toMatch(/not on the allow-list/);
    expect(resolve.calls).toEqual([]);
  });

  it('requires every resolved address of a listed name to be in an allowed network', async () => {
    const resolve = resolver({ 'metrics.internal': ['10.0.0.5', '169.254.169.254', '192.0.2.1'] });
    expect(await reasonOf('http://metrics.internal/', networks, resolve)).toBe(
      'metrics.internal resolves to 169.254.169.254, 192.0.2.1, outside the allowed networks',
    );
    const mapped = resolver({ 'metrics.internal': ['::ffff:169.254.169.254'] });
    expect(await reasonOf('http://metrics.internal/', networks, mapped)).toMatch(
      /outside the allowed networks/,
    );
    const good = resolver({ 'node-3.internal': ['10.0.0.5', '::ffff:10.0.0.6'] });
    expect(await checkTarget('http://node-3.internal:9100/metrics', networks, good)).toMatchObject({
      ok: true,
      addresses: [
        { address: '10.0.0.5', family: 4 },
        { address: '::ffff:10.0.0.6', family: 6 },
      ],
    });
  });

  it('with names only, still refuses metadata, link-local and unspecified addresses', async () => {
    const namesOnly = compileAllowList(['metrics.internal']);
    for (const address of ['169.254.169.254', 'fe80::1', '0.0.0.0', '::', 'fd00:ec2::254', '224.0.0.1']) {
      const resolve = resolver({ 'metrics.internal': [address] });
      expect(await reasonOf('http://metrics.internal/', namesOnly, resolve)).toMatch(
        /range never scraped by name/,
      );
    }
    const resolve = resolver({ 'metrics.internal': ['192.0.2.10'] });
    expect((await checkTarget('http://metrics.internal/', namesOnly, resolve)).ok).toBe(true);
  });

  it('reports resolution failures and empty answers', async () => {
    expect(await reasonOf('http://metrics.internal/', networks, resolver({}))).toBe(
      'cannot resolve metrics.internal (ENOTFOUND)',
    );
    expect(
      await reasonOf('http://metrics.internal/', networks, resolver({ 'metrics.internal': [] })),
    ).toMatch(/resolves to no address/);
  });

  it('uses the system resolver by default', async () => {
    const list = compileAllowList(['localhost', '127.0.0.0/8', '::1/128']);
    const check = await checkTarget('http://localhost:9/', list);
    expect(check.ok).toBe(true);
    const spy = vi.fn(resolver({}));
    await checkTarget('http://localhost:9/', list, spy);
    expect(spy).toHaveBeenCalledWith('localhost');
  });
});
