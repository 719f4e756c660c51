// What the DTDL parser hands on: interfaces whose every element has been checked, in a shape that
// no longer depends on the JSON-LD spellings (a member written `dtmi:dtdl:property:schema;2`
// reads as `schema`, a language map as one string). Element and member names follow DTDL v3
// (github.com/Azure/opendigitaltwins-dtdl, DTDL/v3/DTDL.v3.md); v2 documents map onto the same
// shapes (CommandPayload is gone: Commands are only noted, never mapped).
import type { FieldPath } from '../../../model/index.js';
import type { InventoryProblem } from '../inventory-import.js';

export type DtdlVersion = 2 | 3 | 4;

/** DTDL v2 and v3 primitive schemas (DTDL.v3.md, "Primitive schema"). */
export const dtdlPrimitives = [
  'boolean',
  'date',
  'dateTime',
  'double',
  'duration',
  'float',
  'integer',
  'long',
  'string',
  'time',
] as const;

/**
 * Primitives DTDL v4 adds (DTDL/v4/DTDL.v4.md, "Primitive schema"). They are not in v2 or v3; a
 * v2 or v3 document using one is read anyway, with a note, since tools already emit them.
 */
export const dtdlV4Primitives = [
  'byte',
  'bytes',
  'decimal',
  'short',
  'uuid',
  'unsignedByte',
  'unsignedInteger',
  'unsignedLong',
  'unsignedShort',
] as const;

export type DtdlPrimitive = (typeof dtdlPrimitives)[number] | (typeof dtdlV4Primitives)[number];

/** GeoJSON geometries (DTDL.v3.md, "Geospatial Schemas"): values are GeoJSON objects. */
export const dtdlGeospatial = [
  'lineString',
  'multiLineString',
  'multiPoint',
  'multiPolygon',
  'point',
  'polygon',
] as const;

export type DtdlGeospatial = (typeof dtdlGeospatial)[number];

/** Schemas a semantic type may annotate: numbers (QuantitativeTypes v1: "a numeric type"). */
export const numericPrimitives: ReadonlySet<string> = new Set([
  'double',
  'float',
  'integer',
  'long',
  'byte',
  'short',
  'decimal',
  'unsignedByte',
  'unsignedInteger',
  'unsignedLong',
  'unsignedShort',
]);

/** Information for display that any element may carry. */
export interface DtdlDescribed {
  readonly displayName?: string;
  readonly description?: string;
  /** For model authors; infratwin keeps what DTDL cannot say here (dtdl-extras.ts). */
  readonly comment?: string;
}

export interface DtdlEnumValue extends DtdlDescribed {
  readonly name: string;
  readonly value: string | number;
}

/** A Field of an Object, or the MapValue of a Map: a named schema, perhaps with a unit. */
export interface DtdlNamedSchema extends DtdlDescribed {
  readonly name: string;
  readonly schema: DtdlSchema;
  readonly semanticType?: string;
  readonly unit?: string;
}

export type DtdlSchema =
  | { readonly type: 'primitive'; readonly name: DtdlPrimitive }
  | { readonly type: 'geospatial'; readonly name: DtdlGeospatial }
  | { readonly type: 'Array'; readonly elementSchema: DtdlSchema }
  | {
      readonly type: 'Enum';
      readonly valueSchema: 'integer' | 'string';
      readonly enumValues: readonly DtdlEnumValue[];
    }
  | { readonly type: 'Map'; readonly mapKey: string; readonly mapValue: DtdlNamedSchema }
  | { readonly type: 'Object'; readonly fields: readonly DtdlNamedSchema[] };

interface DtdlContentBase extends DtdlDescribed {
  readonly name: string;
  /** Where the element sits in its document, for problems: `['contents', 5]`. */
  readonly path: FieldPath;
}

export interface DtdlProperty extends DtdlContentBase {
  readonly kind: 'Property';
  readonly schema: DtdlSchema;
  readonly writable: boolean;
  /** A QuantitativeTypes co-type (`Temperature`), with its unit (`degreeCelsius`). */
  readonly semanticType?: string;
  readonly unit?: string;
}

export interface DtdlTelemetry extends DtdlContentBase {
  readonly kind: 'Telemetry';
  readonly schema: DtdlSchema;
  readonly semanticType?: string;
  readonly unit?: string;
}

export interface DtdlRelationship extends DtdlContentBase {
  readonly kind: 'Relationship';
  /** The target interface's DTMI; absent: any interface. */
  readonly target?: string;
  readonly properties: readonly DtdlProperty[];
  readonly minMultiplicity?: number;
  readonly maxMultiplicity?: number;
  readonly writable: boolean;
}

export interface DtdlComponent extends DtdlContentBase {
  readonly kind: 'Component';
  /** The DTMI of the interface included by value. */
  readonly schema: string;
}

/** Read for its name (names are unique across all contents) and otherwise ignored. */
export interface DtdlCommand extends DtdlContentBase {
  readonly kind: 'Command';
}

export type DtdlContent = DtdlProperty | DtdlTelemetry | DtdlRelationship | DtdlComponent | DtdlCommand;

export interface DtdlInterface extends DtdlDescribed {
  readonly id: string;
  /** The DTDL version of the document's context. */
  readonly version: DtdlVersion;
  /** The DTMIs it extends directly, as written. */
  readonly extends: readonly string[];
  /**
   * Every interface it inherits from, nearest first, each once: what `extends` reaches,
   * transitively. Interfaces outside the document (a kind already defined) are listed too.
   */
  readonly ancestors: readonly string[];
  /** Its own contents, in document order. */
  readonly contents: readonly DtdlContent[];
  /** The interface's own path in its document (`[2]`). */
  readonly path: FieldPath;
  /** Formats a path in the interface's document for a problem: `models.json: [2].contents[5].schema`. */
  readonly where: (path: FieldPath) => string;
}

/** A problem or note found at a place: `models.json: [2].contents[5].schema` and what is wrong. */
export type DtdlFinding = InventoryProblem;

export interface DtdlModel {
  /** The interfaces without errors, bases before the interfaces extending them. */
  readonly interfaces: DtdlInterface[];
  /** What makes an element or an interface unusable; each is left out and the rest read. */
  readonly problems: DtdlFinding[];
  /** What is read but not used (Commands), or read leniently (an unknown extension context). */
  readonly notes: DtdlFinding[];
}
