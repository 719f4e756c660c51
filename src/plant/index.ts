export { diurnalFactor } from './diurnal-factor.js';
export type { Emulator, EmulatorOptions, EmulatorOutput } from './emulator.js';
export { createEmulator } from './emulator.js';
export { estateOperations } from './estate-operations.js';
export type {
  ExpectedEffect,
  FaultParamDescription,
  FaultRecord,
  FaultSpec,
  FaultType,
  FaultTypeDescription,
} from './fault-types.js';
export { describeFaultTypes } from './fault-types.js';
export type { EstateOptions, GeneratedEstate } from './generate-estate.js';
export { generateEstate } from './generate-estate.js';
export { demoRackTopicRule, MqttSensorPublisher } from './mqtt-sensor-publisher.js';
export { SeededRandom } from './random.js';
export { encodeRemoteWrite, RemoteWriteSender } from './remote-write-sender.js';
