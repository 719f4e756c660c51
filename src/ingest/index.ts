export type { EstateDocument, EstateFormat, ParseEstateOptions } from './estate-file.js';
export { estateApiVersion, estateToOperations, parseEstateFile, serializeEstate } from './estate-file.js';
