// Semantic types and units: the QuantitativeTypes extension of DTDL v3 (context
// `dtmi:dtdl:extension:quantitativeTypes;1`; github.com/Azure/opendigitaltwins-dtdl,
// DTDL/v3/DTDL.quantitativeTypes.v1.md, table "Semantic types and units"). DTDL v2 had the same
// semantic types built in with fewer units (DTDL/v2/DTDL.v2.md, "Semantic Type"); v3's table is a
// superset, so one table serves both. A co-typed Property or Telemetry names its unit with these
// camelCase words; the twin's catalog uses its own short words (`watts`, `celsius`, `bit/s`).

/** Semantic type → the unit type its `unit` must belong to. */
const semanticUnitTypes: Readonly<Record<string, string>> = {
  Acceleration: 'AccelerationUnit',
  Angle: 'AngleUnit',
  AngularAcceleration: 'AngularAccelerationUnit',
  AngularVelocity: 'AngularVelocityUnit',
  ApparentEnergy: 'ApparentEnergyUnit',
  ApparentPower: 'ApparentPowerUnit',
  Area: 'AreaUnit',
  Capacitance: 'CapacitanceUnit',
  Concentration: 'Unitless',
  Current: 'CurrentUnit',
  DataRate: 'DataRateUnit',
  DataSize: 'DataSizeUnit',
  Density: 'DensityUnit',
  Distance: 'LengthUnit',
  ElectricCharge: 'ChargeUnit',
  Energy: 'EnergyUnit',
  EnergyRate: 'PowerUnit',
  Force: 'ForceUnit',
  Frequency: 'FrequencyUnit',
  Humidity: 'DensityUnit',
  Illuminance: 'IlluminanceUnit',
  Inductance: 'InductanceUnit',
  IonizingRadiationDose: 'IonizingRadiationDoseUnit',
  Irradiance: 'IrradianceUnit',
  Latitude: 'AngleUnit',
  Length: 'LengthUnit',
  Longitude: 'AngleUnit',
  Luminance: 'LuminanceUnit',
  Luminosity: 'PowerUnit',
  LuminousFlux: 'LuminousFluxUnit',
  LuminousIntensity: 'LuminousIntensityUnit',
  MagneticFlux: 'MagneticFluxUnit',
  MagneticInduction: 'MagneticInductionUnit',
  Mass: 'MassUnit',
  MassFlowRate: 'MassFlowRateUnit',
  Power: 'PowerUnit',
  Pressure: 'PressureUnit',
  Radioactivity: 'RadioactivityUnit',
  ReactiveEnergy: 'ReactiveEnergyUnit',
  ReactivePower: 'ReactivePowerUnit',
  RelativeDensity: 'Unitless',
  RelativeHumidity: 'Unitless',
  Resistance: 'ResistanceUnit',
  SoundPressure: 'SoundPressureUnit',
  Temperature: 'TemperatureUnit',
  Thrust: 'ForceUnit',
  TimeSpan: 'TimeUnit',
  Torque: 'TorqueUnit',
  Velocity: 'VelocityUnit',
  Voltage: 'VoltageUnit',
  Volume: 'VolumeUnit',
  VolumeFlowRate: 'VolumeFlowRateUnit',
};

const power = [
  'britishThermalUnitPerHour',
  'gigajoulePerHour',
  'gigawatt',
  'horsepower',
  'joulePerHour',
  'joulePerSecond',
  'kiloBritishThermalUnitPerHour',
  'kilojoulePerHour',
  'kilojoulePerSecond',
  'kilowatt',
  'kilowattHourPerYear',
  'megajoulePerHour',
  'megawatt',
  'microwatt',
  'milliwatt',
  'tonOfRefrigeration',
  'watt',
];
const binary = ['exbi', 'gibi', 'kibi', 'mebi', 'tebi', 'yobi', 'zebi'];

/** Unit type → its units. */
const unitsOfType: Readonly<Record<string, readonly string[]>> = {
  AccelerationUnit: ['centimetrePerSecondSquared', 'gForce', 'metrePerSecondSquared'],
  AngleUnit: ['degreeOfArc', 'minuteOfArc', 'radian', 'secondOfArc', 'turn'],
  AngularAccelerationUnit: ['radianPerSecondSquared'],
  AngularVelocityUnit: ['degreePerSecond', 'radianPerSecond', 'revolutionPerMinute', 'revolutionPerSecond'],
  ApparentEnergyUnit: ['gigavoltAmpereHour', 'kilovoltAmpereHour', 'megavoltAmpereHour', 'voltAmpereHour'],
  ApparentPowerUnit: ['gigavoltAmpere', 'kilovoltAmpere', 'megavoltAmpere', 'millivoltAmpere', 'voltAmpere'],
  AreaUnit: [
    'acre',
    'hectare',
    'squareCentimetre',
    'squareFoot',
    'squareInch',
    'squareKilometre',
    'squareMetre',
    'squareMillimetre',
  ],
  CapacitanceUnit: ['farad', 'microfarad', 'millifarad', 'nanofarad', 'picofarad'],
  Unitless: [
    'partsPerBillion',
    'partsPerMillion',
    'partsPerQuadrillion',
    'partsPerTrillion',
    'percent',
    'unity',
  ],
  CurrentUnit: ['ampere', 'kiloampere', 'microampere', 'milliampere'],
  DataRateUnit: [
    'bitPerSecond',
    'bytePerSecond',
    ...binary.flatMap((prefix) => [`${prefix}bitPerSecond`, `${prefix}bytePerSecond`]),
  ],
  DataSizeUnit: ['bit', 'byte', ...binary.flatMap((prefix) => [`${prefix}bit`, `${prefix}byte`])],
  DensityUnit: [
    'gramPerCubicMetre',
    'kilogramPerCubicMetre',
    'microgramPerCubicMetre',
    'milligramPerCubicMetre',
  ],
  LengthUnit: [
    'astronomicalUnit',
    'centimetre',
    'foot',
    'inch',
    'kilometre',
    'metre',
    'micrometre',
    'mile',
    'millimetre',
    'nanometre',
    'nauticalMile',
  ],
  ChargeUnit: ['ampereHour', 'coulomb', 'milliampereHour'],
  EnergyUnit: [
    'britishThermalUnit',
    'electronvolt',
    'gigajoule',
    'gigawattHour',
    'joule',
    'kiloBritishThermalUnit',
    'kilojoule',
    'kilowattHour',
    'megaelectronvolt',
    'megajoule',
    'megawattHour',
    'milliwattHour',
    'terawattHour',
    'wattHour',
  ],
  PowerUnit: power,
  ForceUnit: ['newton', 'ounce', 'pound', 'ton'],
  FrequencyUnit: ['gigahertz', 'hertz', 'kilohertz', 'megahertz', 'millihertz'],
  IlluminanceUnit: ['footcandle', 'lux'],
  InductanceUnit: ['henry', 'microhenry', 'millihenry'],
  IonizingRadiationDoseUnit: ['gray', 'microgray', 'microsievert', 'milligray', 'millisievert', 'sievert'],
  IrradianceUnit: ['wattPerSquareMetre'],
  LuminanceUnit: ['candelaPerSquareMetre'],
  LuminousFluxUnit: ['lumen'],
  LuminousIntensityUnit: ['candela'],
  MagneticFluxUnit: ['maxwell', 'weber'],
  MagneticInductionUnit: ['gauss', 'tesla'],
  MassUnit: ['gram', 'kilogram', 'massPound', 'microgram', 'milligram', 'slug', 'tonne'],
  MassFlowRateUnit: [
    'gramPerHour',
    'gramPerSecond',
    'kilogramPerHour',
    'kilogramPerSecond',
    'massPoundPerHour',
  ],
  PressureUnit: [
    'bar',
    'decapascal',
    'hectopascal',
    'inchesOfMercury',
    'inchesOfWater',
    'kilopascal',
    'millibar',
    'millimetresOfMercury',
    'pascal',
    'poundPerSquareInch',
  ],
  RadioactivityUnit: ['becquerel', 'gigabecquerel', 'kilobecquerel', 'megabecquerel'],
  ReactiveEnergyUnit: [
    'gigavoltAmpereReactiveHour',
    'kilovoltAmpereReactiveHour',
    'megavoltAmpereReactiveHour',
    'voltAmpereReactiveHour',
  ],
  ReactivePowerUnit: [
    'gigavoltAmpereReactive',
    'kilovoltAmpereReactive',
    'megavoltAmpereReactive',
    'millivoltAmpereReactive',
    'voltAmpereReactive',
  ],
  ResistanceUnit: ['kiloohm', 'megaohm', 'milliohm', 'ohm'],
  SoundPressureUnit: ['bel', 'decibel'],
  TemperatureUnit: ['degreeCelsius', 'degreeFahrenheit', 'kelvin'],
  TimeUnit: ['day', 'hour', 'microsecond', 'millisecond', 'minute', 'nanosecond', 'second', 'year'],
  TorqueUnit: ['newtonMetre'],
  VelocityUnit: [
    'centimetrePerSecond',
    'kilometrePerHour',
    'kilometrePerSecond',
    'knot',
    'metrePerHour',
    'metrePerSecond',
    'milePerHour',
    'milePerSecond',
  ],
  VoltageUnit: ['kilovolt', 'megavolt', 'microvolt', 'millivolt', 'volt'],
  VolumeUnit: [
    'cubicCentimetre',
    'cubicFoot',
    'cubicInch',
    'cubicMetre',
    'fluidOunce',
    'gallon',
    'litre',
    'millilitre',
  ],
  VolumeFlowRateUnit: [
    'cubicFootPerMinute',
    'cubicMetrePerHour',
    'cubicMetrePerMinute',
    'cubicMetrePerSecond',
    'gallonPerHour',
    'gallonPerMinute',
    'litrePerHour',
    'litrePerMinute',
    'litrePerSecond',
    'millilitrePerHour',
    'millilitrePerMinute',
    'millilitrePerSecond',
  ],
};

export function isSemanticType(name: string): boolean {
  return Object.hasOwn(semanticUnitTypes, name);
}

/** The units a semantic type accepts (empty for an unknown type). */
export function unitsOf(semanticType: string): readonly string[] {
  const unitType = Object.hasOwn(semanticUnitTypes, semanticType)
    ? semanticUnitTypes[semanticType]
    : undefined;
  return unitType ? (unitsOfType[unitType] ?? []) : [];
}

/**
 * DTDL unit → the word the twin's catalog uses for it (src/model/kind-catalog.ts writes `watts`,
 * `celsius`, `bytes`, `bytes/s`, `bit/s`, `s`, `Wh`, `V`). Where the catalog has no word the DTDL
 * name is kept verbatim (`kibibyte`, `millibar`), so nothing is converted and nothing is lost.
 * `second` becomes `s`, not `seconds`: the catalog writes seconds as `s` (latency_p99_seconds).
 */
const projectWords: Readonly<Record<string, string>> = {
  degreeCelsius: 'celsius',
  watt: 'watts',
  percent: 'percent',
  byte: 'bytes',
  bytePerSecond: 'bytes/s',
  bitPerSecond: 'bit/s',
  second: 's',
  wattHour: 'Wh',
  volt: 'V',
};

/** The catalog word back to a semantic type and DTDL unit, for export. */
const dtdlUnitsOfWords: Readonly<Record<string, { semanticType: string; unit: string }>> = {
  celsius: { semanticType: 'Temperature', unit: 'degreeCelsius' },
  watts: { semanticType: 'Power', unit: 'watt' },
  // RelativeHumidity is the one semantic type that takes percent in both DTDL v2 and v3.
  percent: { semanticType: 'RelativeHumidity', unit: 'percent' },
  bytes: { semanticType: 'DataSize', unit: 'byte' },
  'bytes/s': { semanticType: 'DataRate', unit: 'bytePerSecond' },
  'bit/s': { semanticType: 'DataRate', unit: 'bitPerSecond' },
  s: { semanticType: 'TimeSpan', unit: 'second' },
  Wh: { semanticType: 'Energy', unit: 'wattHour' },
  V: { semanticType: 'Voltage', unit: 'volt' },
};

/** A DTDL unit as the twin's catalog writes it. */
export function projectUnit(dtdlUnit: string): string {
  return Object.hasOwn(projectWords, dtdlUnit) ? (projectWords[dtdlUnit] as string) : dtdlUnit;
}

/**
 * A catalog unit as a semantic type and DTDL unit, or undefined when DTDL has no unit for it
 * (`ratio`, `U`, `req/s`): those travel in the element's comment instead (dtdl-extras.ts). Every
 * answer reads back as `word` through projectUnit, so a unit survives export and import unchanged;
 * a DTDL name the catalog writes otherwise (`watt`, which reads back as `watts`) has no answer.
 */
export function dtdlUnitOf(word: string): { semanticType: string; unit: string } | undefined {
  if (Object.hasOwn(dtdlUnitsOfWords, word)) return dtdlUnitsOfWords[word];
  if (Object.hasOwn(projectWords, word)) return undefined;
  const types = Object.entries(semanticUnitTypes).filter(([, unitType]) =>
    unitsOfType[unitType]?.includes(word),
  );
  // Power over EnergyRate and Luminosity, Length over Distance: the type named after the unit type.
  const [semanticType] = types.find(([type, unitType]) => `${type}Unit` === unitType) ?? types[0] ?? [];
  return semanticType === undefined ? undefined : { semanticType, unit: word };
}
