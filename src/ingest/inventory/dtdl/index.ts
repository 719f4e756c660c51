export type { AdtExport, AdtExportOptions } from './adt-export.js';
export { adtExportOf } from './adt-export.js';
export type {
  AdtHeader,
  AdtImportJob,
  AdtModel,
  AdtPlace,
  AdtRelationship,
  AdtTwin,
  AdtTwinFile,
} from './adt-twin-file.js';
export { placeText, readAdtTwinFile, writeAdtImportJob } from './adt-twin-file.js';
export type { DtdlExport, DtdlExportOptions, DtdlJson } from './dtdl-export.js';
export { dtdlFromKindSpecs, dtdlV3Context, quantitativeTypesContext } from './dtdl-export.js';
export type { DtdlExtras } from './dtdl-extras.js';
export { extrasComment, readExtras } from './dtdl-extras.js';
export { dtmiProblem, idProblem, isDtdlName, isDtmi, nameProblem } from './dtdl-grammar.js';
export type {
  DtdlCommand,
  DtdlComponent,
  DtdlContent,
  DtdlDescribed,
  DtdlEnumValue,
  DtdlFinding,
  DtdlGeospatial,
  DtdlInterface,
  DtdlModel,
  DtdlNamedSchema,
  DtdlPrimitive,
  DtdlProperty,
  DtdlRelationship,
  DtdlSchema,
  DtdlTelemetry,
  DtdlVersion,
} from './dtdl-interface.js';
export type { DtdlInventory, DtdlInventoryOptions } from './dtdl-inventory.js';
export { dtdlInventory, entityIdOf } from './dtdl-inventory.js';
export {
  builtinDtmi,
  camelCase,
  dtmiOfKind,
  kebabCase,
  kindNames,
  kindOfDtmi,
  pascalCase,
  relationTypeOfName,
} from './dtdl-kind-names.js';
export type { DtdlKinds, DtdlRelationshipName } from './dtdl-kinds.js';
export { kindSpecsFromDtdl, propSpecOf, propTypeOf } from './dtdl-kinds.js';
export type { DtdlDocument, DtdlParseOptions } from './dtdl-parser.js';
export { parseDtdl, parseDtdlDocuments } from './dtdl-parser.js';
export { dtdlUnitOf, projectUnit } from './dtdl-units.js';
