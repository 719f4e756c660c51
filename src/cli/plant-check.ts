import { AlertBook, type AlertRecord, type EntityId, MemoryTwinStore, Twin } from '../model/index.js';
import {
  createEmulator,
  estateOperations,
  type FaultRecord,
  generateEstate,
  SeededRandom,
} from '../plant/index.js';
import { RiskEngine } from '../predict/index.js';

/** The plant's fault types, and the prediction kinds that count as foreseeing each. */
export const predictionKindsByFault: Readonly<Record<string, readonly string[]>> = {
  'disk-fill': ['disk-full'],
  'memory-leak': ['memory-leak'],
  'fan-failure': ['fan-failure', 'cpu-overheating'],
  'cooling-failure': ['cooling-failure', 'cooling-redundancy', 'overheating', 'cpu-overheating'],
  'link-congestion': ['link-saturation'],
  misconfiguration: [
    'misconfiguration',
    'overheating',
    'cpu-overheating',
    'cooling-redundancy',
    'slo-burn',
    'latency-slo',
    'latency-spike',
  ],
};

const faultTypes = Object.keys(predictionKindsByFault);
const minute = 60_000;
const hour = 60 * minute;
/** Simulated length of an episode: a quiet hour, faults in the next, time for the slowest to fail. */
const episodeHours = 7;

export interface PlantCheckOptions {
  seed: number;
  /** Faults of each type; one of each per episode. */
  faultsPerType: number;
  hosts?: number;
  stepMs?: number;
  evaluateEveryMs?: number;
  /** Episodes of the same plant with no fault: every alert there is a false alarm. Default faults / 10, at least 2. */
  healthyEpisodes?: number;
  onEpisode?: (done: number, total: number) => void;
}

export interface FaultOutcome {
  faultId: string;
  type: string;
  target: EntityId;
  startMs: number;
  /** When the fault became a failure (see `failureTime`); absent when it never did. */
  failureMs?: number;
  predictedMs?: number;
  /** failure − first matching prediction; positive means foreseen. */
  leadMs?: number;
  foreseen: boolean;
}

export interface KindReport {
  type: string;
  faults: number;
  foreseen: number;
  recall: number;
  /** Alerts of the kinds that count for this fault type that matched a fault, over all of them. */
  precision: number;
  alerts: number;
  medianLeadMs?: number;
  minLeadMs?: number;
}

export interface PlantCheckReport {
  seed: number;
  episodes: number;
  hosts: number;
  stepMs: number;
  kinds: KindReport[];
  faults: FaultOutcome[];
  /** Alerts that matched no fault, by prediction kind. */
  unmatchedByKind: Record<string, number>;
  /** The first of them, to read. */
  falseAlarms: Array<{ kind: string; entityId: EntityId; summary: string; atMs: number }>;
  /** The control: the plant with no fault, where any alert is false. */
  healthy: { episodes: number; hours: number; alertsByKind: Record<string, number>; alertsPerDay: number };
}

/**
 * Injects faults into the demo plant with known ground truth and checks that the risk rules
 * foresee each before it becomes a failure. Each episode is a fresh plant on simulated time with
 * one fault of every type, started after a quiet hour at staggered times on seeded targets.
 */
export async function runPlantCheck(options: PlantCheckOptions): Promise<PlantCheckReport> {
  const hosts = options.hosts ?? 60;
  const stepMs = options.stepMs ?? 15_000;
  const estate = generateEstate({ hosts, seed: options.seed });
  const outcomes: FaultOutcome[] = [];
  const unmatched: Record<string, number> = {};
  const falseAlarms: PlantCheckReport['falseAlarms'] = [];
  const alertCounts: Record<string, { all: number; matched: number }> = {};
  const healthyEpisodes = options.healthyEpisodes ?? Math.max(2, Math.ceil(options.faultsPerType / 10));
  const total = options.faultsPerType + healthyEpisodes;
  for (let episode = 0; episode < options.faultsPerType; episode++) {
    const result = await runEpisode(
      estate,
      options.seed * 1000 + episode,
      stepMs,
      options.evaluateEveryMs ?? minute,
      true,
    );
    outcomes.push(...result.outcomes);
    for (const alert of result.alerts) {
      const counts = alertCounts[alert.kind] ?? { all: 0, matched: 0 };
      counts.all++;
      if (result.matched.has(alert.id)) counts.matched++;
      else {
        unmatched[alert.kind] = (unmatched[alert.kind] ?? 0) + 1;
        if (falseAlarms.length < 100)
          falseAlarms.push({
            kind: alert.kind,
            entityId: alert.entityId,
            summary: alert.summary,
            atMs: alert.firstSeenMs,
          });
      }
      alertCounts[alert.kind] = counts;
    }
    options.onEpisode?.(episode + 1, total);
  }
  const healthy = {
    episodes: healthyEpisodes,
    hours: 0,
    alertsByKind: {} as Record<string, number>,
    alertsPerDay: 0,
  };
  for (let episode = 0; episode < healthyEpisodes; episode++) {
    const result = await runEpisode(
      estate,
      options.seed * 1000 + 500 + episode,
      stepMs,
      options.evaluateEveryMs ?? minute,
      false,
    );
    healthy.hours += episodeHours - 1;
    for (const alert of result.alerts)
      healthy.alertsByKind[alert.kind] = (healthy.alertsByKind[alert.kind] ?? 0) + 1;
    options.onEpisode?.(options.faultsPerType + episode + 1, total);
  }
  const healthyAlerts = Object.values(healthy.alertsByKind).reduce((sum, count) => sum + count, 0);
  healthy.alertsPerDay = healthy.hours > 0 ? (healthyAlerts * 24) / healthy.hours : 0;
  return {
    seed: options.seed,
    episodes: options.faultsPerType,
    hosts,
    stepMs,
    kinds: faultTypes.map((type) => kindReport(type, outcomes, alertCounts)),
    faults: outcomes,
    unmatchedByKind: unmatched,
    falseAlarms,
    healthy,
  };
}

type Estate = ReturnType<typeof generateEstate>;

interface EpisodeResult {
  outcomes: FaultOutcome[];
  alerts: AlertRecord[];
  matched: Set<string>;
}

async function runEpisode(
  estate: Estate,
  seed: number,
  stepMs: number,
  evaluateEveryMs: number,
  inject: boolean,
): Promise<EpisodeResult> {
  const stream = new SeededRandom(seed, 'plant-check');
  const random = () => stream.next();
  const startMs = Date.UTC(2026, 0, 5, 8) + Math.floor(random() * 24) * hour;
  let now = startMs;
  const store = new MemoryTwinStore();
  const twin = await Twin.open({ store, clock: () => now });
  await twin.apply({
    actor: 'plant',
    source: 'plant:check',
    reason: 'plant check estate',
    ops: estateOperations(estate),
  });
  const alerts = await AlertBook.open(store, { clock: () => now, resolveAfterMs: 2 * evaluateEveryMs });
  const engine = new RiskEngine({ catalog: twin.catalog });
  const emulator = createEmulator(estate, { seed, startMs });
  const faults = inject ? injectFaults(emulator, estate, random, startMs + hour) : [];
  const failures = new FailureClock(faults);
  const endMs = startMs + episodeHours * hour;
  let nextEvaluation = startMs;
  for (now = startMs; now <= endMs; now += stepMs) {
    const output = emulator.step(now);
    if (output.ops.length > 0) {
      await twin.apply({
        actor: 'plant',
        source: 'plant:check',
        reason: 'plant configuration change',
        ops: output.ops,
      });
    }
    twin.recordSamples(output.samples);
    for (const sample of output.samples) {
      engine.observe(sample.entityId, sample.metric, sample.ts, sample.value);
      failures.observe(sample.entityId, sample.metric, sample.ts, sample.value);
    }
    if (now >= nextEvaluation) {
      nextEvaluation = now + evaluateEveryMs;
      await alerts.sync('risk', engine.evaluate(twin.live, now));
      for (const verdict of engine.judge(alerts.list({ status: ['open', 'acknowledged'] }), now))
        await alerts.score(verdict.alertId, verdict.outcome);
    }
    if (failures.allDone(now)) break;
  }
  const all = alerts.list().filter((alert) => alert.firstSeenMs >= startMs + hour);
  return matchAlerts(faults, failures, all, estate);
}

function injectFaults(
  emulator: ReturnType<typeof createEmulator>,
  estate: Estate,
  random: () => number,
  fromMs: number,
): FaultRecord[] {
  const ofKind = (kinds: readonly string[]) =>
    estate.entities.filter((entity) => kinds.includes(entity.kind)).map((entity) => entity.id);
  const pick = (ids: readonly string[]) => ids[Math.floor(random() * ids.length)] as string;
  const used = new Set<string>();
  const distinct = (ids: readonly string[]) => {
    const left = ids.filter((id) => !used.has(id));
    const id = pick(left.length > 0 ? left : ids);
    used.add(id);
    return id;
  };
  const at = () => fromMs + Math.floor(random() * 60) * minute;
  const rate = () => Math.round((0.08 + random() * 0.17) * 1000) / 1000;
  const hosts = ofKind(['host']);
  const records: FaultRecord[] = [
    emulator.injectFault({ type: 'fan-failure', target: distinct(hosts), startMs: at() }),
    emulator.injectFault({
      type: 'disk-fill',
      target: distinct(ofKind(['host', 'vm'])),
      startMs: at(),
      params: { ratioPerHour: rate() },
    }),
    emulator.injectFault({
      type: 'memory-leak',
      target: distinct(ofKind(['host', 'vm'])),
      startMs: at(),
      params: { ratioPerHour: rate() },
    }),
    emulator.injectFault({ type: 'cooling-failure', target: pick(ofKind(['cooling-unit'])), startMs: at() }),
    emulator.injectFault({ type: 'link-congestion', target: pick(ofKind(['link'])), startMs: at() }),
    emulator.injectFault({
      type: 'misconfiguration',
      target: random() < 0.5 ? pick(ofKind(['cooling-unit'])) : pick(servicesWithCallers(estate)),
      startMs: at(),
    }),
  ];
  return records;
}

function servicesWithCallers(estate: Estate): string[] {
  const called = new Set(
    estate.relations.filter((relation) => relation.type === 'depends-on').map((relation) => relation.to),
  );
  return estate.entities
    .filter((entity) => entity.kind === 'service' && called.has(entity.id))
    .map((e) => e.id);
}

/**
 * When each fault became a failure: the first sample past the threshold of one of its
 * ground-truth effects (disk at 95 %, memory at 90 %, CPU at 75 °C, inlets at 27 °C, a link past
 * its level for five minutes, as a `for: 5m` alert would say). Effects without a threshold count
 * as failing ten minutes after the fault starts (the time the plant's truth gives them to settle).
 */
class FailureClock {
  readonly #watch = new Map<
    string,
    Array<{ fault: FaultRecord; threshold: number; sign: number; sustainMs: number }>
  >();
  readonly #firstPast = new Map<string, number>();
  readonly failures = new Map<string, number>();

  constructor(private readonly faults: readonly FaultRecord[]) {
    for (const fault of faults) {
      for (const effect of failureEffects(fault)) {
        const key = `${effect.entityId} ${effect.metric}`;
        const list = this.#watch.get(key) ?? [];
        const sustainMs = fault.type === 'link-congestion' ? 5 * minute : 0;
        list.push({
          fault,
          threshold: effect.threshold,
          sign: effect.change === 'falls' ? -1 : 1,
          sustainMs,
        });
        this.#watch.set(key, list);
      }
      if (failureEffects(fault).length === 0) this.failures.set(fault.id, fault.startMs + 10 * minute);
    }
  }

  observe(entityId: string, metric: string, ts: number, value: number): void {
    const watched = this.#watch.get(`${entityId} ${metric}`);
    if (!watched) return;
    for (const { fault, threshold, sign, sustainMs } of watched) {
      if (ts < fault.startMs || this.failures.has(fault.id)) continue;
      const key = `${fault.id} ${entityId} ${metric}`;
      if (sign * (value - threshold) < 0) {
        this.#firstPast.delete(key);
        continue;
      }
      const since = this.#firstPast.get(key) ?? ts;
      this.#firstPast.set(key, since);
      if (ts - since >= sustainMs) this.failures.set(fault.id, ts);
    }
  }

  allDone(now: number): boolean {
    return (
      this.faults.length > 0 &&
      this.faults.every((fault) => {
        const failure = this.failures.get(fault.id);
        return failure !== undefined && now > failure + 10 * minute;
      })
    );
  }
}

/**
 * The effects whose threshold marks the failure. A stopped cooling unit's own fan is the fault,
 * not the failure: the failure is its racks' inlets leaving the envelope.
 */
function failureEffects(
  fault: FaultRecord,
): Array<FaultRecord['groundTruth'][number] & { metric: string; threshold: number }> {
  return fault.groundTruth.filter(
    (effect): effect is FaultRecord['groundTruth'][number] & { metric: string; threshold: number } =>
      effect.threshold !== undefined &&
      effect.metric !== undefined &&
      !(fault.type === 'cooling-failure' && effect.entityId === fault.target),
  );
}

/**
 * What a fault touches: its target, the entities of its ground truth, and what they contain; for
 * a cooling unit, its whole room (heat spreads through the room's air, not along relations).
 */
function involvedEntities(fault: FaultRecord, estate: Estate): Set<EntityId> {
  const children = new Map<EntityId, EntityId[]>();
  const parent = new Map<EntityId, EntityId>();
  for (const relation of estate.relations) {
    if (relation.type !== 'contains' && relation.type !== 'runs-on') continue;
    const [outer, inner] =
      relation.type === 'contains' ? [relation.from, relation.to] : [relation.to, relation.from];
    children.set(outer, [...(children.get(outer) ?? []), inner]);
    parent.set(inner, outer);
  }
  const roots = [fault.target, ...fault.groundTruth.map((effect) => effect.entityId)];
  if (fault.target.startsWith('cooling-unit:')) {
    const room = parent.get(fault.target);
    if (room) roots.push(room);
  }
  const involved = new Set<EntityId>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop() as EntityId;
    if (involved.has(id)) continue;
    involved.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return involved;
}

function matchAlerts(
  faults: readonly FaultRecord[],
  failures: FailureClock,
  alerts: readonly AlertRecord[],
  estate: Estate,
): EpisodeResult {
  const matched = new Set<string>();
  const outcomes = faults.map((fault): FaultOutcome => {
    const involved = involvedEntities(fault, estate);
    const kinds = predictionKindsByFault[fault.type] ?? [];
    const matching = alerts.filter(
      (alert) =>
        kinds.includes(alert.kind) &&
        alert.firstSeenMs >= fault.startMs &&
        alert.entities.some((entity) => involved.has(entity)),
    );
    for (const alert of matching) matched.add(alert.id);
    const failureMs = failures.failures.get(fault.id);
    const predictedMs =
      matching.length > 0 ? Math.min(...matching.map((alert) => alert.firstSeenMs)) : undefined;
    const foreseen = predictedMs !== undefined && (failureMs === undefined || predictedMs <= failureMs);
    return {
      faultId: fault.id,
      type: fault.type,
      target: fault.target,
      startMs: fault.startMs,
      ...(failureMs !== undefined ? { failureMs } : {}),
      ...(predictedMs !== undefined ? { predictedMs } : {}),
      ...(failureMs !== undefined && predictedMs !== undefined ? { leadMs: failureMs - predictedMs } : {}),
      foreseen,
    };
  });
  return { outcomes, alerts: [...alerts], matched };
}

function kindReport(
  type: string,
  outcomes: readonly FaultOutcome[],
  alertCounts: Record<string, { all: number; matched: number }>,
): KindReport {
  const ofType = outcomes.filter((outcome) => outcome.type === type);
  const foreseen = ofType.filter((outcome) => outcome.foreseen);
  const leads = foreseen
    .flatMap((outcome) => (outcome.leadMs === undefined ? [] : [outcome.leadMs]))
    .sort((a, b) => a - b);
  let all = 0;
  let matched = 0;
  for (const kind of predictionKindsByFault[type] ?? []) {
    all += alertCounts[kind]?.all ?? 0;
    matched += alertCounts[kind]?.matched ?? 0;
  }
  return {
    type,
    faults: ofType.length,
    foreseen: foreseen.length,
    recall: ofType.length > 0 ? foreseen.length / ofType.length : 0,
    precision: all > 0 ? matched / all : 1,
    alerts: all,
    ...(leads.length > 0
      ? { medianLeadMs: leads[leads.length >> 1] as number, minLeadMs: leads[0] as number }
      : {}),
  };
}
