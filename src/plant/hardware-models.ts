/** Server models the generator racks, with plausible power envelopes from vendor sheets. */
export interface ServerModel {
  readonly model: string;
  readonly vendorPrefix: string;
  readonly heightUnits: number;
  readonly cpuCores: readonly number[];
  readonly memoryGiB: readonly number[];
  readonly idleWatts: readonly [number, number];
  readonly maxWatts: readonly [number, number];
}

export const serverModels: readonly ServerModel[] = [
  {
    model: 'Dell PowerEdge R650',
    vendorPrefix: 'DL',
    heightUnits: 1,
    cpuCores: [32, 48, 64],
    memoryGiB: [256, 384, 512],
    idleWatts: [100, 140],
    maxWatts: [350, 480],
  },
  {
    model: 'Dell PowerEdge R750',
    vendorPrefix: 'DL',
    heightUnits: 2,
    cpuCores: [48, 64, 80],
    memoryGiB: [384, 512, 768],
    idleWatts: [130, 180],
    maxWatts: [450, 650],
  },
  {
    model: 'HPE ProLiant DL380 Gen10 Plus',
    vendorPrefix: 'CZ',
    heightUnits: 2,
    cpuCores: [40, 56, 64],
    memoryGiB: [256, 512, 768],
    idleWatts: [120, 170],
    maxWatts: [420, 620],
  },
  {
    model: 'Lenovo ThinkSystem SR650 V2',
    vendorPrefix: 'J3',
    heightUnits: 2,
    cpuCores: [48, 64, 76],
    memoryGiB: [384, 512, 1024],
    idleWatts: [140, 200],
    maxWatts: [500, 700],
  },
  {
    model: 'Supermicro SYS-120U-TNR',
    vendorPrefix: 'S4',
    heightUnits: 1,
    cpuCores: [32, 40, 64],
    memoryGiB: [256, 512],
    idleWatts: [100, 130],
    maxWatts: [380, 520],
  },
];

export interface NetworkModel {
  readonly model: string;
  readonly ports: number;
  readonly idleWatts: number;
  readonly maxWatts: number;
}

/** By fabric role. */
export const networkModels = {
  tor: { model: 'Arista 7050CX3-32S', ports: 32, idleWatts: 180, maxWatts: 330 },
  spine: { model: 'Arista 7280CR3-32P4', ports: 36, idleWatts: 350, maxWatts: 650 },
  core: { model: 'Juniper MX304', ports: 48, idleWatts: 900, maxWatts: 1600 },
  edge: { model: 'Palo Alto PA-5450', ports: 24, idleWatts: 700, maxWatts: 1200 },
  lb: { model: 'F5 BIG-IP i10800', ports: 16, idleWatts: 250, maxWatts: 450 },
} as const satisfies Record<string, NetworkModel>;

export const cities: readonly string[] = [
  'Frankfurt',
  'Ashburn',
  'Amsterdam',
  'Dublin',
  'Singapore',
  'Tokyo',
  'Sydney',
  'Sao Paulo',
  'London',
  'Paris',
  'Chicago',
  'Dallas',
  'Toronto',
  'Mumbai',
  'Stockholm',
  'Madrid',
];

export const guestOperatingSystems: readonly string[] = [
  'Ubuntu 22.04 LTS',
  'Ubuntu 24.04 LTS',
  'RHEL 9.4',
  'Debian 12',
];
