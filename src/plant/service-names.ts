export type ServiceTier = 'frontend' | 'backend' | 'data';

export interface ServiceName {
  readonly name: string;
  readonly team: string;
  /** Listening port; services of the same kind share the usual one. */
  readonly port: number;
}

/**
 * Realistic service names by tier. When a tier runs out, the generator adds a number
 * (`checkout-2`), as real estates do with regional or sharded copies.
 */
export const serviceNames: Readonly<Record<ServiceTier, readonly ServiceName[]>> = {
  frontend: [
    { name: 'storefront', team: 'web', port: 443 },
    { name: 'api-gateway', team: 'platform', port: 443 },
    { name: 'mobile-bff', team: 'mobile', port: 443 },
    { name: 'admin-portal', team: 'backoffice', port: 443 },
    { name: 'partner-api', team: 'partners', port: 443 },
    { name: 'graphql-edge', team: 'platform', port: 443 },
    { name: 'help-center', team: 'support', port: 443 },
    { name: 'seller-portal', team: 'marketplace', port: 443 },
  ],
  backend: [
    { name: 'checkout', team: 'commerce', port: 8080 },
    { name: 'cart', team: 'commerce', port: 8080 },
    { name: 'payments', team: 'payments', port: 8443 },
    { name: 'auth', team: 'identity', port: 8443 },
    { name: 'search', team: 'search', port: 8080 },
    { name: 'inventory', team: 'fulfilment', port: 8080 },
    { name: 'orders', team: 'commerce', port: 8080 },
    { name: 'shipping', team: 'fulfilment', port: 8080 },
    { name: 'pricing', team: 'commerce', port: 8080 },
    { name: 'recommendations', team: 'growth', port: 8080 },
    { name: 'notifications', team: 'growth', port: 8080 },
    { name: 'user-profile', team: 'identity', port: 8080 },
    { name: 'catalog', team: 'marketplace', port: 8080 },
    { name: 'reviews', team: 'marketplace', port: 8080 },
    { name: 'fraud-check', team: 'payments', port: 8080 },
    { name: 'tax', team: 'payments', port: 8080 },
    { name: 'loyalty', team: 'growth', port: 8080 },
    { name: 'returns', team: 'fulfilment', port: 8080 },
    { name: 'invoicing', team: 'payments', port: 8080 },
    { name: 'feature-flags', team: 'platform', port: 8080 },
    { name: 'media', team: 'web', port: 8080 },
    { name: 'geo', team: 'fulfilment', port: 8080 },
    { name: 'ads', team: 'growth', port: 8080 },
    { name: 'messaging', team: 'support', port: 8080 },
  ],
  data: [
    { name: 'session-cache', team: 'identity', port: 6379 },
    { name: 'product-cache', team: 'marketplace', port: 6379 },
    { name: 'search-index', team: 'search', port: 9200 },
    { name: 'event-bus', team: 'platform', port: 9092 },
    { name: 'ledger', team: 'payments', port: 8080 },
    { name: 'object-metadata', team: 'platform', port: 8080 },
    { name: 'feature-store', team: 'growth', port: 8080 },
    { name: 'rate-limiter', team: 'platform', port: 6379 },
    { name: 'audit-log', team: 'security', port: 8080 },
    { name: 'metrics-store', team: 'platform', port: 8428 },
    { name: 'blob-gateway', team: 'platform', port: 8080 },
    { name: 'stock-ledger', team: 'fulfilment', port: 8080 },
  ],
};

export const databaseNames: readonly string[] = [
  'orders-db',
  'users-db',
  'payments-db',
  'catalog-db',
  'inventory-db',
  'sessions-db',
  'analytics-db',
  'ledger-db',
  'reviews-db',
  'shipping-db',
];

export const databaseEngines: readonly string[] = [
  'postgresql',
  'postgresql',
  'mysql',
  'mongodb',
  'cassandra',
  'redis',
];

/** The n-th name of a list, numbered once the list is used up. */
export function numberedName(names: readonly string[], index: number): string {
  const base = names[index % names.length] ?? 'service';
  const round = Math.floor(index / names.length);
  return round === 0 ? base : `${base}-${round + 1}`;
}
