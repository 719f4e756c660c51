import { useMemo } from 'react';
import type { KindSpec, MetricSpec } from '../contract';
import { useSession } from '../session/session-context';
import { useAsync } from './use-async';

export type KindCatalog = ReadonlyMap<string, KindSpec>;

/** The kind catalog (units, thresholds, descriptions), fetched once per sign-in. */
export function useKindCatalog(): KindCatalog | undefined {
  const { api } = useSession();
  const { data } = useAsync(() => api.kinds(), [api]);
  return useMemo(
    () => (data === undefined ? undefined : new Map(data.map((spec) => [spec.kind, spec]))),
    [data],
  );
}

export function metricSpec(
  catalog: KindCatalog | undefined,
  kind: string,
  metric: string,
): MetricSpec | undefined {
  return catalog?.get(kind)?.metrics[metric];
}
