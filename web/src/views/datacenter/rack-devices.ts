import { ApiError } from '../../api/api-error';
import type { TwinApi } from '../../api/twin-api';
import type { Entity } from '../../contract';

/**
 * What a rack contains, with each device's props and latest metrics: its `contains` relations,
 * then each device (a rack holds tens, fetched side by side). A device removed in between is
 * left out.
 */
export async function loadRackDevices(api: TwinApi, rackId: string, signal: AbortSignal): Promise<Entity[]> {
  const relations = await api.allRelations({ type: 'contains', from: rackId }, signal);
  const ids = [...new Set(relations.map((relation) => relation.to))];
  const devices = await Promise.all(
    ids.map((id) =>
      api.entity(id, signal).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return undefined;
        throw error;
      }),
    ),
  );
  return devices.filter((device): device is Entity => device !== undefined);
}
