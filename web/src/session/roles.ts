import type { Role } from '../contract';

const rank: Readonly<Record<Role, number>> = { ingest: -1, viewer: 0, operator: 1, admin: 2 };

/**
 * Whether a role may do what `required` may: viewer < operator < admin, as the server decides
 * (src/api/auth-service.ts). The UI only hides what the server would refuse anyway.
 */
export function roleAllows(role: Role, required: Exclude<Role, 'ingest'>): boolean {
  return rank[role] >= rank[required];
}
