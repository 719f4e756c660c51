import { describe, expect, it } from 'vitest';
import { guessDeviceKind } from './device-kind.js';

const netSnmpLinux = '1.3.6.1.4.1.8072.3.2.10';

describe('guessDeviceKind', () => {
  it.each([
    [
      'Cisco IOS Software, C3750E Software (C3750E-UNIVERSALK9-M), Version 15.0(2)SE11',
      '1.3.6.1.4.1.9.1.1227',
      'switch',
    ],
    [
      'Cisco IOS XE Software, Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4',
      '1.3.6.1.4.1.9.1.2494',
      'switch',
    ],
    ['Cisco NX-OS(tm) nxos.9.3.10.bin, Software (nxos)', '1.3.6.1.4.1.9.12.3.1.3.1812', 'switch'],
    ['Cisco IOS XR Software, Version 7.5.2', '1.3.6.1.4.1.9.1.2658', 'router'],
    [
      'Cisco IOS Software, ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.4',
      '1.3.6.1.4.1.9.1.2068',
      'router',
    ],
    ['Cisco Adaptive Security Appliance Version 9.16(4)', '1.3.6.1.4.1.9.1.2315', 'firewall'],
    [
      'Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 21.4R3',
      '1.3.6.1.4.1.2636.1.1.1.2.63',
      'switch',
    ],
    [
      'Juniper Networks, Inc. mx480 internet router, kernel JUNOS 22.2R1',
      '1.3.6.1.4.1.2636.1.1.1.2.25',
      'router',
    ],
    [
      'Juniper Networks, Inc. srx345 internet router, kernel JUNOS 21.2R3',
      '1.3.6.1.4.1.2636.1.1.1.2.135',
      'firewall',
    ],
    ['Palo Alto Networks PA-3200 series firewall', '1.3.6.1.4.1.25461.2.3.38', 'firewall'],
    ['FortiGate-100F v7.2.5', '1.3.6.1.4.1.12356.101.1.1004', 'firewall'],
    [
      'Arista Networks EOS version 4.28.3M running on an Arista Networks DCS-7050SX-64',
      '1.3.6.1.4.1.30065.1.3011',
      'switch',
    ],
    ['RouterOS CCR2004-16G-2S+', '1.3.6.1.4.1.14988.1', 'router'],
    ['Cumulus Linux 5.4.0', netSnmpLinux, 'switch'],
    [
      'Linux web-01 6.1.0-13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29) x86_64',
      netSnmpLinux,
      'host',
    ],
    [
      'Hardware: Intel64 Family 6 Model 85 - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free)',
      '1.3.6.1.4.1.311.1.1.3.1.2',
      'host',
    ],
  ] as const)('%s → %s', (descr, objectId, kind) => {
    const guess = guessDeviceKind({ descr, objectId, name: 'x' });
    expect(guess.kind).toBe(kind);
    expect(guess.recognised).toBe(true);
  });

  it('reads no keyword from the machine’s own name: a Linux box called it-switch-1 is a host', () => {
    const system = {
      name: 'it-switch-1',
      descr: 'Linux it-switch-1 6.1.0 #1 SMP x86_64',
      objectId: netSnmpLinux,
    };
    expect(guessDeviceKind(system)).toMatchObject({ kind: 'host', recognised: true });
    expect(guessDeviceKind({ ...system, objectId: '' })).toMatchObject({ kind: 'host', recognised: true });
  });

  it('falls back to host, unrecognised, when nothing says what it is', () => {
    expect(
      guessDeviceKind({
        name: 'ups-3',
        descr: 'APC Web/SNMP Management Card',
        objectId: '1.3.6.1.4.1.318.1.3.27',
      }),
    ).toMatchObject({
      kind: 'host',
      recognised: false,
    });
  });
});
