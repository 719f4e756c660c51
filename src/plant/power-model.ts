import type { EstateIndex } from './estate-index.js';

const sourceKinds = new Set(['pdu', 'ups', 'power-feed']);
/** Double-conversion UPS losses; PDUs are taken as lossless so they read the sum of their loads. */
const upsEfficiency = 0.95;

interface Consumer {
  readonly entity: number;
  /** Source slots it draws from, sharing its load evenly (dual PSUs share current). */
  readonly sources: readonly number[];
  /** For a rack: the estate indexes of its devices that have no power path of their own. */
  readonly through?: readonly number[];
}

/**
 * Power through the distribution chain: every consumer's draw split evenly over the sources it
 * is `powered-by`, PDUs summing their loads, UPSes adding their conversion losses upstream,
 * feeds summing what their UPSes and cooling units take.
 */
export class PowerModel {
  /** Estate indexes of PDUs, UPSes and feeds, by slot, downstream sources first. */
  readonly sources: number[];
  readonly output: Float64Array;
  readonly rated: Float64Array;
  private readonly slotOf = new Map<number, number>();
  private readonly consumers: Consumer[] = [];
  private readonly upstream: number[][];

  constructor(private readonly estate: EstateIndex) {
    const all = estate.kinds.flatMap((kind, i) => (sourceKinds.has(kind) ? [i] : []));
    const level = new Map<number, number>();
    const levelOf = (source: number, guard: Set<number>): number => {
      const known = level.get(source);
      if (known !== undefined) return known;
      guard.add(source);
      let value = 0;
      for (const consumer of estate.sources(source, 'powered-by')) {
        if (sourceKinds.has(estate.kinds[consumer] as string) && !guard.has(consumer)) {
          value = Math.max(value, levelOf(consumer, guard) + 1);
        }
      }
      guard.delete(source);
      level.set(source, value);
      return value;
    };
    for (const source of all) levelOf(source, new Set());
    this.sources = [...all].sort((a, b) => (level.get(a) as number) - (level.get(b) as number) || a - b);
    this.sources.forEach((source, slot) => {
      this.slotOf.set(source, slot);
    });
    this.output = new Float64Array(this.sources.length);
    this.rated = Float64Array.from(this.sources, (source) =>
      estate.numberProp(source, 'ratedWatts', Number.NaN),
    );
    this.upstream = this.sources.map((source) => this.sourceSlots(source));
    for (let i = 0; i < estate.size; i++) {
      if (sourceKinds.has(estate.kinds[i] as string)) continue;
      const sources = this.sourceSlots(i);
      if (sources.length === 0) continue;
      if (estate.kinds[i] === 'rack') {
        const through = estate
          .targets(i, 'contains')
          .filter((child) => estate.targets(child, 'powered-by').length === 0);
        if (through.length > 0) this.consumers.push({ entity: i, sources, through });
      } else {
        this.consumers.push({ entity: i, sources });
      }
    }
  }

  slot(source: number): number | undefined {
    return this.slotOf.get(source);
  }

  /** `power`: watts drawn per estate index, NaN where an entity draws nothing it reports. */
  step(power: Float64Array): void {
    this.output.fill(0);
    for (const consumer of this.consumers) {
      let watts = 0;
      if (consumer.through) {
        for (const device of consumer.through) {
          const part = power[device] as number;
          if (!Number.isNaN(part)) watts += part;
        }
      } else {
        watts = power[consumer.entity] as number;
        if (Number.isNaN(watts)) continue;
      }
      const share = watts / consumer.sources.length;
      for (const slot of consumer.sources) this.output[slot] = (this.output[slot] as number) + share;
    }
    this.sources.forEach((source, slot) => {
      const above = this.upstream[slot] as number[];
      if (above.length === 0) return;
      const input = (this.output[slot] as number) / (this.estate.kinds[source] === 'ups' ? upsEfficiency : 1);
      for (const next of above) this.output[next] = (this.output[next] as number) + input / above.length;
    });
  }

  private sourceSlots(entity: number): number[] {
    const slots: number[] = [];
    for (const source of this.estate.targets(entity, 'powered-by')) {
      const slot = this.slotOf.get(source);
      if (slot !== undefined) slots.push(slot);
    }
    return slots;
  }
}
