import type { EntityId } from '../../model/index.js';
import type { PriceTable } from '../cost/index.js';
import type { TrafficProfile } from './traffic-profile.js';

/** Traffic: one profile, applied to every entry point or only to one service (and what it calls). */
export interface TrafficStep {
  readonly kind: 'traffic';
  /** An entry-point service; absent means every entry point. */
  readonly service?: EntityId;
  readonly profile: TrafficProfile;
}

/** A new service: replicas placed by the placement rules, its demand and its calls. */
export interface DeployStep {
  readonly kind: 'deploy';
  readonly service: EntityId;
  readonly replicas: number;
  readonly coresPerReplica: number;
  readonly demandSeconds: number;
  readonly sloP99Seconds?: number;
  /** Where replicas may go: hosts whose labels match all of these (e.g. role, site). */
  readonly placeOn: Readonly<Record<string, string>>;
  /** Services that will call it, with calls per request of theirs. */
  readonly calledBy: ReadonlyArray<{ readonly service: EntityId; readonly callsPerRequest: number }>;
  readonly calls: ReadonlyArray<{ readonly service: EntityId; readonly callsPerRequest: number }>;
  readonly entryPoint: boolean;
  /** External requests per second, when it is an entry point. */
  readonly requestsPerSecond?: number;
}

/** A closed workload: users who each send a request, wait for it, and think before the next. */
export interface UsersStep {
  readonly kind: 'users';
  readonly service: EntityId;
  readonly population: number;
  readonly thinkSeconds: number;
}

export interface RemoveStep {
  readonly kind: 'remove';
  readonly service: EntityId;
}

export interface ScaleStep {
  readonly kind: 'scale';
  readonly service: EntityId;
  readonly replicas: number;
}

/** A failure of any entity (host, rack, PDU, UPS, feed, cooling unit, switch, link, room, site, region). */
export interface FailStep {
  readonly kind: 'fail';
  readonly entity: EntityId;
  /** Seconds after the scenario's start. */
  readonly atSeconds: number;
}

/** Moves a service to a cloud region: its replicas become cloud instances there. */
export interface MigrateStep {
  readonly kind: 'migrate';
  readonly service: EntityId;
  readonly region: EntityId;
  readonly instanceType: string;
  /** Cores of each new instance; default the replica's cores. */
  readonly cores?: number;
}

export interface AddHostsStep {
  readonly kind: 'add-hosts';
  readonly count: number;
  /** An existing host whose model, cores, power, rack and supplies the new ones copy. */
  readonly like: EntityId;
  readonly rack?: EntityId;
}

export interface SetpointStep {
  readonly kind: 'setpoint';
  readonly coolingUnit: EntityId;
  readonly celsius: number;
}

export interface InstanceTypeStep {
  readonly kind: 'instance-type';
  readonly entity: EntityId;
  readonly instanceType: string;
  readonly cores?: number;
}

export type ScenarioStep =
  | TrafficStep
  | UsersStep
  | DeployStep
  | RemoveStep
  | ScaleStep
  | FailStep
  | MigrateStep
  | AddHostsStep
  | SetpointStep
  | InstanceTypeStep;

/** What counts as broken when the scenario and the headroom search judge a state. */
export interface ScenarioLimits {
  /** Highest CPU utilisation of a replica or host, and of a network link. */
  readonly utilization: number;
  /** Highest memory in use on a host, 0 to 1. */
  readonly memoryUtilization: number;
  /** Fullest a host's disks may be, 0 to 1. */
  readonly diskUtilization: number;
  /** Highest utilisation of a host's uplinks (the busier direction). */
  readonly networkUtilization: number;
  /** Highest rack inlet temperature (ASHRAE A1 recommended: 27 °C). */
  readonly inletCelsius: number;
  /** Highest load of a PDU, UPS or feed against its rating. */
  readonly powerLoad: number;
  /** Above this inlet a host throttles (ASHRAE A1 allowable: 32 °C)… */
  readonly throttleCelsius: number;
  /** …and shares of its speed it keeps when throttled. */
  readonly throttleFactor: number;
  /** Above this inlet a host shuts itself down. */
  readonly shutdownCelsius: number;
}

export interface ScenarioSpec {
  readonly name: string;
  readonly description?: string;
  /** The fork to start from; absent means the live twin. */
  readonly baseFork?: string;
  readonly steps: readonly ScenarioStep[];
  /** How long the scenario runs, in seconds (failures, thermal transients, traffic over time). */
  readonly durationSeconds: number;
  /** Sampling interval of the timeline, in seconds. */
  readonly stepSeconds: number;
  readonly limits: ScenarioLimits;
  /** Search the headroom (the largest traffic multiplier before a limit breaks) up to this. */
  readonly headroomMax: number;
  /** Seconds a lost replica takes to restart elsewhere. */
  readonly failoverSeconds: number;
  /** Round trip added to a call between services at different sites or regions. */
  readonly interSiteRoundTripSeconds: number;
  /** Route the call graph over the network: always, never, or when small enough (`auto`). */
  readonly network: boolean | 'auto';
  /** Simulate the busiest replica stations with the discrete-event engine beside the closed forms. */
  readonly check?: { readonly stations: number; readonly customers: number; readonly seed: number };
  /** Prices for the cost of cloud instances and egress; no cost figures without them. */
  readonly prices?: PriceTable;
}

export const defaultLimits: ScenarioLimits = {
  utilization: 0.9,
  memoryUtilization: 0.95,
  diskUtilization: 0.9,
  networkUtilization: 0.8,
  inletCelsius: 27,
  powerLoad: 1,
  throttleCelsius: 32,
  throttleFactor: 0.7,
  shutdownCelsius: 45,
};
