import type { EntityInput, RelationInput } from '../model/index.js';

/** An estate file's content: what a declarative source says the estate is. */
export interface EstateDocument {
  entities: EntityInput[];
  relations: RelationInput[];
  /** `metadata.source`: the provenance source name, when the file names one. */
  source?: string;
}

/** The one version of the format this code reads and writes. */
export const estateApiVersion = 'infratwin/v1';
