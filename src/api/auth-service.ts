import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  ConflictError,
  InputError,
  NotFoundError,
  type Role,
  type TokenRecord,
  type TwinStore,
} from '../model/index.js';

/** Who is calling: resolved from a bearer token. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/** A token as listed: everything but its hash. */
export type TokenInfo = Omit<TokenRecord, 'secretHash'>;

export interface AuthService {
  /** Resolves once the tokens are loaded from the store; `verify` sees none before. */
  ready(): Promise<void>;
  /** The principal of a secret, or undefined for an unknown or revoked one. A map lookup. */
  verify(secret: string): Principal | undefined;
  /** Whether a token is still active: long-lived connections check it to honour revocation. */
  isActive(tokenId: string): boolean;
  /** Creates a token; the secret is in this answer only, the store keeps its SHA-256. */
  create(name: string, role: Role, actor: string): Promise<{ token: TokenInfo; secret: string }>;
  list(): Promise<TokenInfo[]>;
  revoke(id: string, actor: string): Promise<void>;
  /**
   * Makes sure an admin can get in. With a preset secret (INFRATWIN_ADMIN_TOKEN), registers it
   * as an admin token unless already stored, and resolves undefined. Without one, creates an
   * admin token when no active one exists and resolves its new secret (to show once).
   */
  ensureAdmin(presetSecret?: string): Promise<string | undefined>;
}

const roleRank: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2, ingest: -1 };

/**
 * Whether a token of `role` may call a route that requires `required`. Receivers require `ingest`,
 * which operators and admins have too; an `ingest` token has nothing else, not even reads.
 */
export function hasRole(role: Role, required: Role): boolean {
  if (required === 'ingest') return role === 'ingest' || roleRank[role] >= roleRank.operator;
  if (role === 'ingest') return false;
  return roleRank[role] >= roleRank[required];
}

/** `itw_` + 32 random bytes, base64url: 256 bits, so a fast unsalted hash is safe to store. */
export function generateSecret(): string {
  return `itw_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Longer than any secret we issue or accept: bounds the hashing an attacker can ask for. */
const maxSecretLength = 512;
const minPresetLength = 16;

export function createAuthService(store: TwinStore, clock: () => number = Date.now): AuthService {
  const records = new Map<string, TokenRecord>();
  const active = new Map<string, Principal>();
  // Token writes are serialized so that name checks and the last-admin check see every write.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };

  const remember = (record: TokenRecord) => {
    records.set(record.id, record);
    if (record.revokedAt === undefined) {
      active.set(record.secretHash, { tokenId: record.id, name: record.name, role: record.role });
    } else {
      active.delete(record.secretHash);
    }
  };
  const loaded = store.listTokens().then((tokens) => {
    for (const token of tokens) remember(token);
  });
  // Surfaced through ready(); an unobserved rejection must not crash the process meanwhile.
  loaded.catch(() => undefined);

  const activeNamed = (name: string) =>
    [...records.values()].some((record) => record.name === name && record.revokedAt === undefined);
  const activeAdmins = () =>
    [...records.values()].filter((record) => record.role === 'admin' && record.revokedAt === undefined);

  const insert = async (name: string, role: Role, secret: string, actor: string): Promise<TokenInfo> => {
    const record: TokenRecord = {
      id: `tok-${randomUUID().slice(0, 8)}`,
      name,
      role,
      secretHash: hashSecret(secret),
      createdAt: clock(),
    };
    await store.createToken(record);
    remember(record);
    await store.appendAudit({
      ts: record.createdAt,
      actor,
      action: 'token.create',
      target: record.id,
      detail: `name=${name} role=${role}`,
    });
    return info(record);
  };

  return {
    ready: () => loaded,

    verify(secret) {
      if (typeof secret !== 'string' || secret.length === 0 || secret.length > maxSecretLength)
        return undefined;
      return active.get(hashSecret(secret));
    },

    isActive(tokenId) {
      const record = records.get(tokenId);
      return record !== undefined && record.revokedAt === undefined;
    },

    async create(name, role, actor) {
      await loaded;
      if (!(role in roleRank)) {
        throw new InputError(`unknown role '${role}'`, [
          { field: 'role', message: 'viewer, operator, admin or ingest' },
        ]);
      }
      if (typeof name !== 'string' || name.trim() === '') {
        throw new InputError('a token needs a name', [
          { field: 'name', message: 'must be a non-empty string' },
        ]);
      }
      return serial(async () => {
        if (activeNamed(name)) throw new ConflictError(`an active token is already named '${name}'`);
        const secret = generateSecret();
        const token = await insert(name, role, secret, actor);
        return { token, secret };
      });
    },

    async list() {
      await loaded;
      return [...records.values()]
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map(info);
    },

    async revoke(id, actor) {
      await loaded;
      await serial(async () => {
        const record = records.get(id);
        if (!record) throw new NotFoundError(`no token '${id}'`);
        if (record.revokedAt !== undefined) throw new ConflictError(`token '${id}' is already revoked`);
        if (record.role === 'admin' && activeAdmins().length === 1) {
          throw new ConflictError('this is the last active admin token: create another admin token first');
        }
        const at = clock();
        await store.revokeToken(id, at);
        remember({ ...record, revokedAt: at });
        await store.appendAudit({
          ts: at,
          actor,
          action: 'token.revoke',
          target: id,
          detail: `name=${record.name}`,
        });
      });
    },

    async ensureAdmin(presetSecret) {
      await loaded;
      return serial(async () => {
        if (presetSecret !== undefined) {
          if (
            presetSecret.length < minPresetLength ||
            presetSecret.length > maxSecretLength ||
            /\s/.test(presetSecret)
          ) {
            throw new InputError('INFRATWIN_ADMIN_TOKEN is not a usable secret', [
              {
                field: 'INFRATWIN_ADMIN_TOKEN',
                message: `must be ${minPresetLength} to ${maxSecretLength} characters without spaces`,
              },
            ]);
          }
          const hash = hashSecret(presetSecret);
          if (active.has(hash)) return undefined;
          // Re-registering a revoked preset on the next start would silently undo the revocation.
          if ([...records.values()].some((record) => record.secretHash === hash)) {
            throw new ConflictError('INFRATWIN_ADMIN_TOKEN was revoked: set a new secret');
          }
          await insert(activeNamed('admin') ? 'admin-preset' : 'admin', 'admin', presetSecret, 'system');
          return undefined;
        }
        if (activeAdmins().length > 0) return undefined;
        const secret = generateSecret();
        await insert(activeNamed('admin') ? 'admin-initial' : 'admin', 'admin', secret, 'system');
        return secret;
      });
    },
  };
}

function info(record: TokenRecord): TokenInfo {
  const { secretHash: _hash, ...rest } = record;
  return rest;
}
