// The two grammars every DTDL document leans on: the Digital Twin Model Identifier and the name of
// an element. Both are quoted from the DTDL v3 language specification
// (github.com/Azure/opendigitaltwins-dtdl, DTDL/v3/DTDL.Specification.v3.md, sections "Digital Twin
// Model Identifier" and the `name` rules of each element), with the v2 differences from
// DTDL/v2/DTDL.v2.md: a v2 DTMI must carry a one-part version, and v2 names are at most 64
// characters where v3 allows 512.
import type { DtdlVersion } from './dtdl-interface.js';

/** One path segment: a letter, then letters, digits and `_`, not ending in `_`. */
const segment = '[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?';
/** `^dtmi:<segment>(:<segment>)*(;<version>)?$`, the specification's regular expression. */
const dtmiPattern = new RegExp(
  `^dtmi:${segment}(?::${segment})*(?:;[1-9][0-9]{0,8}(?:\\.[1-9][0-9]{0,5})?)?$`,
);
const namePattern = /^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$/;

/** The longest DTMI of any element, and of an Interface (DTDL.v3.md, Interface `@id`). */
export const maxDtmiLength = 2048;
export const maxInterfaceDtmiLength = 128;

/** Identifiers the language keeps for itself; an `@id` must not start with them. */
const reservedPrefixes = ['dtmi:dtdl:', 'dtmi:standard:'];

/** Why `value` is not a DTMI usable as an `@id` in a document of `version`, or undefined when it is. */
export function dtmiProblem(
  value: unknown,
  version: DtdlVersion = 3,
  maxLength = maxDtmiLength,
): string | undefined {
  if (typeof value !== 'string') return `must be a DTMI string, found ${describeValue(value)}`;
  if (value.length > maxLength)
    return `${quote(value)} is ${value.length} characters long, at most ${maxLength}`;
  if (!dtmiPattern.test(value)) return `${quote(value)} is not a DTMI: ${dtmiShapeProblem(value)}`;
  if (version === 2 && !/;[1-9][0-9]{0,8}$/.test(value))
    return `${quote(value)} needs a one-part version (;1) in DTDL v2`;
  return undefined;
}

/** A DTMI (any version, or none) by the v3 grammar; v2's stricter version rule is dtmiProblem's. */
export function isDtmi(value: unknown): value is string {
  return typeof value === 'string' && value.length <= maxDtmiLength && dtmiPattern.test(value);
}

/** The problem with using `value` as an element's `@id`: the grammar, then the reserved prefixes. */
export function idProblem(
  value: unknown,
  version: DtdlVersion,
  maxLength = maxDtmiLength,
): string | undefined {
  const problem = dtmiProblem(value, version, maxLength);
  if (problem) return problem;
  const reserved = reservedPrefixes.find((prefix) => (value as string).startsWith(prefix));
  return reserved ? `${quote(value as string)} starts with ${reserved}, which DTDL reserves` : undefined;
}

/** Why `value` is not an element name in a document of `version`, or undefined when it is. */
export function nameProblem(value: unknown, version: DtdlVersion = 3): string | undefined {
  if (typeof value !== 'string') return `must be a name string, found ${describeValue(value)}`;
  const max = version === 2 ? 64 : 512;
  if (value.length > max) return `${quote(value)} is ${value.length} characters long, at most ${max}`;
  if (!namePattern.test(value))
    return `${quote(value)} is not a DTDL name: letters, digits and '_', starting with a letter and not ending with '_'`;
  return undefined;
}

export function isDtdlName(value: unknown, version: DtdlVersion = 3): value is string {
  return nameProblem(value, version) === undefined;
}

/** The path segments of a DTMI, without scheme and version: `dtmi:com:x:Pump;2` → `['com', 'x', 'Pump']`. */
export function dtmiSegments(dtmi: string): string[] {
  return dtmiPath(dtmi).split(':').slice(1);
}

/** A DTMI without its version: `dtmi:com:x:Pump;2` → `dtmi:com:x:Pump`. */
export function dtmiPath(dtmi: string): string {
  const semicolon = dtmi.indexOf(';');
  return semicolon === -1 ? dtmi : dtmi.slice(0, semicolon);
}

/** The major version of a DTMI, 0 when it has none. */
export function dtmiVersion(dtmi: string): number {
  const match = /;(\d+)(?:\.\d+)?$/.exec(dtmi);
  return match ? Number(match[1]) : 0;
}

/** Says which part of a would-be DTMI breaks the grammar, so the message points at the fix. */
function dtmiShapeProblem(value: string): string {
  if (!value.startsWith('dtmi:')) return "it must start with 'dtmi:'";
  const [path = '', version, ...more] = value.slice(5).split(';');
  if (more.length > 0) return "only one ';' may separate the path from the version";
  const bad = path.split(':').find((part) => !new RegExp(`^${segment}$`).test(part));
  if (bad !== undefined)
    return `path segment ${quote(bad)} must be letters, digits and '_', starting with a letter and not ending with '_'`;
  if (version !== undefined)
    return `version ${quote(version)} must be 1 to 999999999, optionally .1 to .999999, without leading zeros`;
  return 'see the DTMI grammar';
}

export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/** What a value is, for a message: `null`, `an array`, `an object`, `number 7`, `string "x"`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${quote(value)}`;
  return `${typeof value} ${String(value)}`;
}
