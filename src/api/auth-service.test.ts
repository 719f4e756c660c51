import { describe, expect, it } from 'vitest';
import { MemoryTwinStore } from '../model/index.js';
import { createAuthService, hashSecret } from './auth-service.js';

describe('createAuthService', () => {
  it('creates an admin once, and only when none exists', async () => {
    const store = new MemoryTwinStore();
    const auth = createAuthService(store, () => 5);
    const secret = await auth.ensureAdmin();
    expect(secret).toMatch(/^itw_/);
    expect(await auth.ensureAdmin()).toBeUndefined();
    expect(auth.verify(secret ?? '')).toMatchObject({ name: 'admin', role: 'admin' });
    const [stored] = await store.listTokens();
    expect(stored?.secretHash).toBe(hashSecret(secret ?? ''));
  });

  it('registers a preset admin secret once, sees it after a restart, and never revives it once revoked', async () => {
    const store = new MemoryTwinStore();
    const preset = 'a-preset-admin-secret-from-the-environment';
    const first = createAuthService(store);
    expect(await first.ensureAdmin(preset)).toBeUndefined();
    expect(first.verify(preset)?.role).toBe('admin');

    const restarted = createAuthService(store);
    await restarted.ready();
    expect(restarted.verify(preset)?.role).toBe('admin');
    expect(await restarted.ensureAdmin(preset)).toBeUndefined();
    expect(await store.listTokens()).toHaveLength(1);

    const other = await restarted.create('second-admin', 'admin', 'test');
    const presetId = restarted.verify(preset)?.tokenId ?? '';
    await restarted.revoke(presetId, 'test');
    expect(restarted.verify(preset)).toBeUndefined();
    expect(restarted.verify(other.secret)?.name).toBe('second-admin');
    await expect(createAuthService(store).ensureAdmin(preset)).rejects.toThrow(/revoked/);
    await expect(restarted.ensureAdmin('short')).rejects.toThrow(/not a usable secret/);
  });

  it('answers undefined for anything that is not an active secret', async () => {
    const auth = createAuthService(new MemoryTwinStore());
    await auth.ready();
    expect(auth.verify('')).toBeUndefined();
    expect(auth.verify('itw_nothing')).toBeUndefined();
    expect(auth.verify('x'.repeat(10_000))).toBeUndefined();
  });
});
