import { describe, expect, it } from 'vitest';
import { EstateBuilder } from './netbox-estate-builder.js';

describe('EstateBuilder', () => {
  it('claims each id once; a later claimant gets the next candidate or a -netbox-<id> suffix', () => {
    const builder = new EstateBuilder();
    expect(builder.claim(['host:a'], 1, 'first')).toBe('host:a');
    expect(builder.claim(['host:a'], 2, 'second')).toBe('host:a-netbox-2');
    expect(builder.claim(['network-segment:10.0.0.0/8'], 3, 'p3')).toBe('network-segment:10.0.0.0/8');
    expect(builder.claim(['network-segment:10.0.0.0/8', 'network-segment:10.0.0.0/8@red'], 4, 'p4')).toBe(
      'network-segment:10.0.0.0/8@red',
    );
    expect(builder.claim(['Host:bad id'], 5, 'p5')).toBeUndefined();
    expect(builder.problems).toEqual([
      { path: 'second', message: "id 'host:a' is taken by first; this one is 'host:a-netbox-2'" },
      {
        path: 'p4',
        message:
          "id 'network-segment:10.0.0.0/8' is taken by p3; this one is 'network-segment:10.0.0.0/8@red'",
      },
      { path: 'p5', message: "'Host:bad id' is not a valid entity id: skipped" },
    ]);
  });

  it('sets only the props a kind declares, with their type, else a label or nothing', () => {
    const builder = new EstateBuilder();
    const host = builder.entity(builder.claim(['host:h'], 1, 'h') as string, 'h');
    builder.prop(host, 'position', 12, 'rack-position');
    builder.prop(host, 'heightUnits', 0.5, 'height-units');
    builder.prop(host, 'managementIp', '10.0.0.1', 'management-ip');
    builder.prop(host, 'invented', 'x');
    expect(host.props).toEqual({ position: 12 });
    expect(host.labels).toEqual({ 'height-units': '0.5', 'management-ip': '10.0.0.1' });
  });

  it('relates only entities it holds, as the catalog allows, once', () => {
    const builder = new EstateBuilder();
    for (const id of ['rack:r', 'host:h', 'pdu:p', 'interface:h/eth0'])
      builder.entity(builder.claim([id], 1, id) as string, undefined);
    expect(builder.relate('contains', 'rack:r', 'host:h')).toBe(true);
    expect(builder.relate('contains', 'rack:r', 'host:h')).toBe(true);
    expect(builder.relate('contains', 'pdu:p', 'interface:h/eth0')).toBe(false);
    expect(builder.relate('contains', 'rack:r', 'host:missing')).toBe(false);
    expect(builder.relate('powered-by', 'host:h', 'pdu:p', { note: 'x' })).toBe(true);
    expect(builder.relations).toEqual([
      { type: 'contains', from: 'rack:r', to: 'host:h' },
      { type: 'powered-by', from: 'host:h', to: 'pdu:p', props: { note: 'x' } },
    ]);
  });
});
