import { describe, expect, it } from 'vitest';
import type { ImpactReport } from '../../contract';
import { layerBlastRadius } from './blast-radius';

describe('layerBlastRadius', () => {
  const report: ImpactReport = {
    sources: ['switch:tor'],
    affected: [
      {
        id: 'host:b',
        kind: 'host',
        name: 'b',
        effect: 'degraded',
        via: 'connects',
        path: [],
        lost: 1,
        of: 2,
      },
      { id: 'vm:v', kind: 'vm', name: 'v', effect: 'failed', via: 'runs-on', path: [], lost: 1, of: 1 },
      { id: 'host:a', kind: 'host', name: 'a', effect: 'failed', via: 'connects', path: [], lost: 2, of: 2 },
    ],
    counts: { failed: 2, degraded: 1 },
    byKind: {},
  };

  it('keeps what the layer draws, failed first, and counts all', () => {
    const radius = layerBlastRadius('switch:tor', report, (id) => id.startsWith('host:'));
    expect(radius.drawn.map((entity) => entity.id)).toEqual(['host:a', 'host:b']);
    expect(radius).toMatchObject({ total: 3, failed: 2, degraded: 1, source: 'switch:tor' });
  });
});
