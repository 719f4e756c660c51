// Reads the fields of one NetBox `results` item, noting every field it cannot use with the item's
// JSON path (`dcim/devices results[12].rack.name: not a string`). A bad required field makes the
// item unusable (it is skipped); a bad optional field is noted and read as absent. NetBox writes
// `null` for an unset field, which is simply absent, never a problem.
//
// Hundreds of thousands of items go through here for a large NetBox, so a field is read by direct
// property access and a problem's path is only put together when there is a problem.
//
// It is not the shared JsonFields (../json-fields.ts), on purpose: JsonFields builds a FieldPath
// array per nested object and formats it for every problem, where this reader keeps the item's
// path as one string and walks dotted paths (`assigned_object.device`) itself; it keeps the
// `usable` verdict per item; and it reads NetBox's own shapes (choices, brief refs, tags, an
// address with its prefix length) and decimals written as strings, with NetBox's short messages
// (`not a string`, `missing`) that users and tests know. The type check it shares is isRecord.
import { formatIpAddress, parseIp, parseNetwork } from '../../../model/index.js';
import type { InventoryProblem } from '../inventory-import.js';
import { isRecord, type JsonObject } from '../json-fields.js';

/** A nested "brief" object: `{id, url, display, name, slug, description}`, as far as present. */
export interface NetboxRef {
  readonly id: number;
  readonly name?: string;
  readonly slug?: string;
}

/** Decimal fields (position, u_height, vcpus) arrive as numbers, or as strings on some setups. */
const decimalText = /^-?\d+(?:\.\d+)?$/;
/** A dotted quad as written canonically (no leading zeros): no need to parse it. */
const canonicalIpv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

const join = (parent: string, key: string) =>
  key === '' ? parent : parent === '' ? key : `${parent}.${key}`;

/** `a[0].b` → `['a', 0, 'b']`. */
function stepsOf(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const part of path.split('.')) {
    for (const piece of part.split('[')) steps.push(piece.endsWith(']') ? Number(piece.slice(0, -1)) : piece);
  }
  return steps;
}

export class ItemReader {
  /** False once a required field was missing or bad: the caller skips the item. */
  usable = true;

  constructor(
    private readonly problems: InventoryProblem[],
    /** `<endpoint> results[<index>]`. */
    readonly where: string,
    readonly item: JsonObject,
  ) {}

  problem(path: string, message: string, required = false): void {
    this.problems.push({ path: path ? `${this.where}.${path}` : this.where, message });
    if (required) this.usable = false;
  }

  /** A reader of a nested object, its problems under `path` (which must name `value`). */
  sub(path: string, value: JsonObject): ItemReader {
    return new ItemReader(this.problems, `${this.where}.${path}`, value);
  }

  /** Whether the item has the field at all, even as null (tells NetBox versions apart). */
  has(field: string): boolean {
    return Object.hasOwn(this.item, field);
  }

  /**
   * The value at a path (`rack`, `assigned_object.device`, `a_terminations[0]`); undefined when
   * absent or null, or when a step is not an object or list (noted).
   */
  value(path: string, required = false): unknown {
    if (path.indexOf('.') === -1 && path.indexOf('[') === -1) {
      const value = this.item[path];
      if (value !== null && value !== undefined) return value;
      if (required) this.problem(path, 'missing', true);
      return undefined;
    }
    let current: unknown = this.item;
    let walked = '';
    for (const step of stepsOf(path)) {
      const container = typeof step === 'number' ? Array.isArray(current) : isRecord(current);
      if (!container) {
        this.problem(walked, typeof step === 'number' ? 'not a list' : 'not an object', required);
        return undefined;
      }
      current = (current as Record<string | number, unknown>)[step];
      walked = typeof step === 'number' ? `${walked}[${step}]` : join(walked, step);
      if (current === null || current === undefined) {
        if (required) this.problem(walked, 'missing', true);
        return undefined;
      }
    }
    return current;
  }

  /** A string; an empty one counts as absent. */
  string(path: string, required = false): string | undefined {
    const value = this.value(path, required);
    return value === undefined ? undefined : this.#string(value, path, '', required);
  }

  #string(value: unknown, parent: string, key: string, required: boolean): string | undefined {
    if (value === null || value === undefined) {
      if (required) this.problem(join(parent, key), 'missing', true);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problem(join(parent, key), 'not a string', required);
      return undefined;
    }
    if (value === '' || value.trim() === '') {
      if (required) this.problem(join(parent, key), 'empty', true);
      return undefined;
    }
    return value;
  }

  number(path: string, required = false): number | undefined {
    const value = this.value(path, required);
    if (value === undefined) return undefined;
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && decimalText.test(value)
          ? Number(value)
          : Number.NaN;
    if (!Number.isFinite(number)) {
      this.problem(path, 'not a number', required);
      return undefined;
    }
    return number;
  }

  integer(path: string, required = false): number | undefined {
    const value = this.number(path, required);
    if (value === undefined || Number.isInteger(value)) return value;
    this.problem(path, 'not an integer', required);
    return undefined;
  }

  boolean(path: string): boolean | undefined {
    const value = this.value(path);
    if (value === undefined || typeof value === 'boolean') return value;
    this.problem(path, 'not a boolean');
    return undefined;
  }

  /** A choice field: `{value, label}` since NetBox 2.x, or a plain value. */
  choice(path: string): string | undefined {
    const value = this.value(path);
    if (value === undefined) return undefined;
    const inner = isRecord(value) ? value.value : value;
    if (inner === null || inner === undefined || inner === '') return undefined;
    if (typeof inner === 'string') return inner;
    if (typeof inner === 'number') return String(inner);
    this.problem(isRecord(value) ? `${path}.value` : path, 'not a string');
    return undefined;
  }

  /** A nested brief object; it must have an integer id, its name and slug are checked when present. */
  ref(path: string, required = false): NetboxRef | undefined {
    const value = this.value(path, required);
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
      this.problem(path, 'not an object', required);
      return undefined;
    }
    const id = value.id;
    if (typeof id !== 'number' || !Number.isInteger(id)) {
      this.problem(`${path}.id`, id === undefined || id === null ? 'missing' : 'not an integer', required);
      return undefined;
    }
    return {
      id,
      name: this.#string(value.name, path, 'name', false),
      slug: this.#string(value.slug, path, 'slug', false),
    };
  }

  /** The `id` of a nested object, e.g. `assigned_object.device.id`. */
  refId(path: string): number | undefined {
    return this.ref(path)?.id;
  }

  /** Tag slugs (`[{id, name, slug, color}]`); a tag without a slug uses its name. */
  tags(path = 'tags'): string[] {
    const value = this.value(path);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.problem(path, 'not a list');
      return [];
    }
    const tags: string[] = [];
    for (let index = 0; index < value.length; index++) {
      const tag: unknown = value[index];
      const slug = isRecord(tag) ? (tag.slug ?? tag.name) : tag;
      if (typeof slug === 'string' && slug !== '') tags.push(slug);
      else this.problem(`${path}[${index}]`, 'not a tag with a slug');
    }
    return tags;
  }

  /** An address with its prefix length (`10.0.0.5/24`), as the address alone, canonical. */
  address(path: string, required = false): string | undefined {
    const value = this.value(path, required);
    return value === undefined ? undefined : this.#address(value, path, '', required);
  }

  #address(value: unknown, parent: string, key: string, required: boolean): string | undefined {
    const text = this.#string(value, parent, key, required);
    if (text === undefined) return undefined;
    const slash = text.indexOf('/');
    const address = slash === -1 ? text : text.slice(0, slash);
    if (canonicalIpv4.test(address)) return address;
    const parsed = parseIp(address);
    if (parsed === undefined) {
      this.problem(join(parent, key), `'${text}' is not an IP address`, required);
      return undefined;
    }
    return formatIpAddress(parsed);
  }

  /** A nested IP address (`primary_ip4: {id, address}`), as the address alone. */
  nestedAddress(path: string): string | undefined {
    const value = this.value(path);
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
      this.problem(path, 'not an object');
      return undefined;
    }
    return this.#address(value.address, path, 'address', false);
  }

  /** A prefix (`10.1.0.0/24`), canonical. */
  network(path: string, required = false): string | undefined {
    const text = this.string(path, required);
    if (text === undefined) return undefined;
    const parsed = parseNetwork(text);
    if ('message' in parsed) {
      this.problem(path, `'${text}' ${parsed.message}`, required);
      return undefined;
    }
    return `${formatIpAddress({ family: parsed.family, value: parsed.base })}/${parsed.prefix}`;
  }
}
