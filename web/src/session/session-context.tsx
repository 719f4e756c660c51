import { createContext, type ReactNode, useContext } from 'react';
import type { TwinApi } from '../api/twin-api';
import type { Role, Session } from '../contract';
import { roleAllows } from './roles';

/** The signed-in user, the API with their token, and the way out. */
export interface SignedIn {
  session: Session;
  token: string;
  api: TwinApi;
  signOut(notice?: string): void;
}

const SessionContext = createContext<SignedIn | undefined>(undefined);

export function SessionProvider({ value, children }: { value: SignedIn; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SignedIn {
  const signedIn = useContext(SessionContext);
  if (signedIn === undefined) throw new Error('useSession needs a SessionProvider (the signed-in shell)');
  return signedIn;
}

/** Whether the signed-in role may use controls that need `required`. */
export function useRoleAllows(required: Exclude<Role, 'ingest'>): boolean {
  return roleAllows(useSession().session.role, required);
}

/**
 * Shows its children only to roles that may use them: every mutating control sits inside one,
 * so a viewer never sees a button the server would refuse.
 */
export function RoleGate({ minimum, children }: { minimum: Exclude<Role, 'ingest'>; children: ReactNode }) {
  return useRoleAllows(minimum) ? children : null;
}
