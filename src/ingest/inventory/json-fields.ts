import { type FieldPath, formatFieldPath } from '../../model/index.js';

/** Where a reader reports a field it cannot use: the formatted path, and what is wrong. */
export type ReportProblem = (path: string, message: string) => void;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Typed reads of one JSON object (a Terraform resource's attributes, an instance in AWS describe
 * output) that report a field of the wrong type at its path — `resources[3].instances[0].attributes.instance_type`,
 * `instances: Reservations[0].Instances[1].InstanceType` — and go on without it. Null and absent
 * fields read as undefined (Terraform writes null for every unset attribute).
 */
export class JsonFields {
  constructor(
    readonly value: Readonly<Record<string, unknown>>,
    readonly path: FieldPath,
    readonly report: ReportProblem,
    /** Put before every path: the input's name, e.g. `instances: `. */
    readonly prefix = '',
  ) {}

  /** The fields of `value`, or undefined (and a problem) when it is not an object. */
  static of(value: unknown, path: FieldPath, report: ReportProblem, prefix = ''): JsonFields | undefined {
    if (isRecord(value)) return new JsonFields(value, path, report, prefix);
    report(prefix + formatFieldPath(path), `must be an object, found ${describe(value)}`);
    return undefined;
  }

  where(...parts: Array<string | number>): string {
    return this.prefix + formatFieldPath([...this.path, ...parts]);
  }

  problem(key: string | number | undefined, message: string): void {
    this.report(key === undefined ? this.where() : this.where(key), message);
  }

  has(key: string): boolean {
    const value = this.value[key];
    return value !== undefined && value !== null;
  }

  /** A non-empty string; `required` reports a missing one. */
  string(key: string, required = false): string | undefined {
    const value = this.value[key];
    if (typeof value === 'string' && value !== '') return value;
    if (value === undefined || value === null || value === '') {
      if (required) this.problem(key, 'is required');
      return undefined;
    }
    this.problem(key, `must be a string, found ${describe(value)}`);
    return undefined;
  }

  /** A finite number, or a string holding an integer (some providers write ports as strings). */
  number(key: string, required = false): number | undefined {
    const value = this.value[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
    if (value === undefined || value === null || value === '') {
      if (required) this.problem(key, 'is required');
      return undefined;
    }
    this.problem(key, `must be a number, found ${describe(value)}`);
    return undefined;
  }

  integer(key: string, required = false): number | undefined {
    const value = this.number(key, required);
    if (value === undefined || Number.isInteger(value)) return value;
    this.problem(key, `must be an integer, found ${value}`);
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const value = this.value[key];
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    if (value !== undefined && value !== null)
      this.problem(key, `must be a boolean, found ${describe(value)}`);
    return undefined;
  }

  /** An array of strings; empty strings are dropped, other entries reported. */
  strings(key: string): string[] {
    const value = this.value[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problem(key, `must be an array of strings, found ${describe(value)}`);
      return [];
    }
    const out: string[] = [];
    value.forEach((item, index) => {
      if (typeof item === 'string') {
        if (item !== '') out.push(item);
      } else this.report(this.where(key, index), `must be a string, found ${describe(item)}`);
    });
    return out;
  }

  /** Nested objects: Terraform's blocks are arrays of objects; a lone object counts as one. */
  objects(key: string): JsonFields[] {
    const value = this.value[key];
    if (value === undefined || value === null) return [];
    if (isRecord(value)) return [new JsonFields(value, [...this.path, key], this.report, this.prefix)];
    if (!Array.isArray(value)) {
      this.problem(key, `must be an array of objects, found ${describe(value)}`);
      return [];
    }
    const out: JsonFields[] = [];
    value.forEach((item, index) => {
      const fields = JsonFields.of(item, [...this.path, key, index], this.report, this.prefix);
      if (fields) out.push(fields);
    });
    return out;
  }

  object(key: string): JsonFields | undefined {
    const value = this.value[key];
    if (value === undefined || value === null) return undefined;
    return JsonFields.of(value, [...this.path, key], this.report, this.prefix);
  }

  /** A map of strings (Terraform's `tags`); other values are reported and left out. */
  stringMap(key: string): Record<string, string> {
    const value = this.value[key];
    if (value === undefined || value === null) return {};
    if (!isRecord(value)) {
      this.problem(key, `must be a map of strings, found ${describe(value)}`);
      return {};
    }
    const out: Record<string, string> = {};
    for (const [name, item] of Object.entries(value)) {
      if (typeof item === 'string') out[name] = item;
      else this.report(this.where(key, name), `must be a string, found ${describe(item)}`);
    }
    return out;
  }
}
