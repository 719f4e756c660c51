const key = 'infratwin.token';

/**
 * The signed-in token lives in sessionStorage: it survives a reload of the tab but not closing
 * it, and no other tab or site can read it.
 */
export const tokenStorage = {
  read(): string | undefined {
    return sessionStorage.getItem(key) ?? undefined;
  },
  write(token: string): void {
    sessionStorage.setItem(key, token);
  },
  clear(): void {
    sessionStorage.removeItem(key);
  },
};
