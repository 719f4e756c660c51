import { randomBytes } from 'node:crypto';
import type { AuthService, Principal } from '../api/index.js';

/**
 * The CLI's local mode acts as the owner of the database file: an admin known only to this
 * process, by a secret that is never stored and dies with the process.
 */
export function withLocalAdmin(auth: AuthService, name: string): { auth: AuthService; secret: string } {
  const secret = `local_${randomBytes(24).toString('base64url')}`;
  const principal: Principal = { tokenId: 'local', name, role: 'admin' };
  return {
    secret,
    auth: {
      ...auth,
      ready: () => auth.ready(),
      verify: (candidate) => (candidate === secret ? principal : auth.verify(candidate)),
      isActive: (tokenId) => tokenId === 'local' || auth.isActive(tokenId),
      create: (...args) => auth.create(...args),
      list: () => auth.list(),
      revoke: (...args) => auth.revoke(...args),
      ensureAdmin: (preset) => auth.ensureAdmin(preset),
    },
  };
}
