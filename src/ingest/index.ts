export type { EstateDocument } from './estate-file.js';
export { estateApiVersion, estateToOperations, parseEstateFile, serializeEstate } from './estate-file.js';
