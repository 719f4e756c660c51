// Published DTDL models, as their files hold them (the text of each, not a paraphrase), for the
// parser and the kind mapper to be tested against what real tools emit.

/**
 * The IoT Plug and Play Thermostat (DTDL v2): Telemetry and Properties with the Temperature
 * semantic type, a Command with an Object response.
 * github.com/Azure/iot-plugandplay-models, dtmi/com/example/thermostat-1.json @ 3ba8352.
 */
export const thermostatV2 = `{
    "@context": "dtmi:dtdl:context;2",
    "@id": "dtmi:com:example:Thermostat;1",
    "@type": "Interface",
    "displayName": "Thermostat",
    "description": "Reports current temperature and provides desired temperature control.",
    "contents": [{
            "@type": [
                "Telemetry",
                "Temperature"
            ],
            "name": "temperature",
            "displayName": "Temperature",
            "description": "Temperature in degrees Celsius.",
            "schema": "double",
            "unit": "degreeCelsius"
        },
        {
            "@type": [
                "Property",
                "Temperature"
            ],
            "name": "targetTemperature",
            "schema": "double",
            "displayName": "Target Temperature",
            "description": "Allows to remotely specify the desired target temperature.",
            "unit": "degreeCelsius",
            "writable": true
        },
        {
            "@type": [
                "Property",
                "Temperature"
            ],
            "name": "maxTempSinceLastReboot",
            "schema": "double",
            "unit": "degreeCelsius",
            "displayName": "Max temperature since last reboot.",
            "description": "Returns the max temperature since last device reboot."
        },
        {
            "@type": "Command",
            "name": "getMaxMinReport",
            "displayName": "Get Max-Min report.",
            "description": "This command returns the max, min and average temperature from the specified time to the current time.",
            "request": {
                "name": "since",
                "displayName": "Since",
                "description": "Period to return the max-min report.",
                "schema": "dateTime"
            },
            "response": {
                "name": "tempReport",
                "displayName": "Temperature Report",
                "schema": {
                    "@type": "Object",
                    "fields": [{
                            "name": "maxTemp",
                            "displayName": "Max temperature",
                            "schema": "double"
                        },
                        {
                            "name": "minTemp",
                            "displayName": "Min temperature",
                            "schema": "double"
                        },
                        {
                            "name": "avgTemp",
                            "displayName": "Average Temperature",
                            "schema": "double"
                        },
                        {
                            "name": "startTime",
                            "displayName": "Start Time",
                            "schema": "dateTime"
                        },
                        {
                            "name": "endTime",
                            "displayName": "End Time",
                            "schema": "dateTime"
                        }
                    ]
                }
            }
        }
    ]
}`;

/**
 * The IoT Plug and Play TemperatureController (DTDL v2): two Thermostat Components and a
 * DeviceInformation Component, DataSize Telemetry in kibibytes, a Command.
 * github.com/Azure/iot-plugandplay-models, dtmi/com/example/temperaturecontroller-1.json @ 3ba8352.
 */
export const temperatureControllerV2 = `{
    "@context": "dtmi:dtdl:context;2",
    "@id": "dtmi:com:example:TemperatureController;1",
    "@type": "Interface",
    "displayName": "Temperature Controller",
    "description": "Device with two thermostats and remote reboot.",
    "contents": [{
            "@type": [
                "Telemetry",
                "DataSize"
            ],
            "name": "workingSet",
            "displayName": "Working Set",
            "description": "Current working set of the device memory in KiB.",
            "schema": "double",
            "unit": "kibibyte"
        },
        {
            "@type": "Property",
            "name": "serialNumber",
            "displayName": "Serial Number",
            "description": "Serial number of the device.",
            "schema": "string"
        },
        {
            "@type": "Command",
            "name": "reboot",
            "displayName": "Reboot",
            "description": "Reboots the device after waiting the number of seconds specified.",
            "request": {
                "name": "delay",
                "displayName": "Delay",
                "description": "Number of seconds to wait before rebooting the device.",
                "schema": "integer"
            }
        },
        {
            "@type": "Component",
            "schema": "dtmi:com:example:Thermostat;1",
            "name": "thermostat1",
            "displayName": "Thermostat One",
            "description": "Thermostat One of Two."
        },
        {
            "@type": "Component",
            "schema": "dtmi:com:example:Thermostat;1",
            "name": "thermostat2",
            "displayName": "Thermostat Two",
            "description": "Thermostat Two of Two."
        },
        {
            "@type": "Component",
            "schema": "dtmi:azure:DeviceManagement:DeviceInformation;1",
            "name": "deviceInformation",
            "displayName": "Device Information interface",
            "description": "Optional interface with basic device hardware information."
        }
    ]
}`;

/**
 * DeviceInformation;1 as IoT Central wrote it: the IoT Central extension context first, and its
 * co-types (StringValue, NumberValue) on every Property. The upstream file now holds version 2;
 * this is version 1, from a fork of github.com/Azure/iot-plugandplay-models
 * (busratuzcu/iot-plugandplay-models, dtmi/azure/devicemanagement/deviceinformation-1.json @ d5e16dc).
 */
export const deviceInformationV1 = `{
    "@context": [
      "dtmi:iotcentral:context;2",
      "dtmi:dtdl:context;2"
    ],
    "@id": "dtmi:azure:DeviceManagement:DeviceInformation;1",
    "@type": "Interface",
    "contents": [
      {
        "@type": [
          "Property",
          "StringValue"
        ],
        "description": {
          "en": "Company name of the device manufacturer. This could be the same as the name of the original equipment manufacturer (OEM). Ex. Contoso."
        },
        "displayName": {
          "en": "Manufacturer"
        },
        "name": "manufacturer",
        "schema": "string",
        "writable": false
      },
      {
        "@type": [
          "Property",
          "StringValue"
        ],
        "description": {
          "en": "Device model name or ID. Ex. Surface Book 2."
        },
        "displayName": {
          "en": "Device model"
        },
        "name": "model",
        "schema": "string",
        "writable": false
      },
      {
        "@type": [
          "Property",
          "StringValue"
        ],
        "description": {
          "en": "Version of the software on your device. This could be the version of your firmware. Ex. 1.3.45"
        },
        "displayName": {
          "en": "Software version"
        },
        "name": "swVersion",
        "schema": "string",
        "writable": false
      },
      {
        "@type": [
          "Property",
          "StringValue"
        ],
        "description": {
          "en": "Name of the operating system on the device. Ex. Windows 10 IoT Core."
        },
        "displayName": {
          "en": "Operating system name"
        },
        "name": "osName",
        "schema": "string",
        "writable": false
      },
      {
        "@type": [
          "Property",
          "StringValue"
        ],
        "description": {
          "en": "Architecture of the processor on the device. Ex. x64 or ARM."
        },
        "displayName": {
          "en": "Processor architecture"
        },
        "name": "processorArchitecture",
        "schema": "string",
        "writable": false
      },
      {
        "@type": [
          "Property",
          "StringValue"
        ],
        "description": {
          "en": "Name of the manufacturer of the processor on the device. Ex. Intel."
        },
        "displayName": {
          "en": "Processor manufacturer"
        },
        "name": "processorManufacturer",
        "schema": "string",
        "writable": false
      },
      {
        "@type": [
          "Property",
          "NumberValue"
        ],
        "description": {
          "en": "Total available storage on the device in kilobytes. Ex. 2048000 kilobytes."
        },
        "displayName": {
          "en": "Total storage"
        },
        "name": "totalStorage",
        "schema": "double",
        "writable": false
      },
      {
        "@type": [
          "Property",
          "NumberValue"
        ],
        "description": {
          "en": "Total available memory on the device in kilobytes. Ex. 256000 kilobytes."
        },
        "displayName": {
          "en": "Total memory"
        },
        "name": "totalMemory",
        "schema": "double",
        "writable": false
      }
    ],
    "displayName": {
      "en": "Device Information"
    }
  }`;

/**
 * DTDL v3 examples from the language reference: the v3 Thermostat, Room and ConferenceRoom
 * (`extends`), and ReusableTypeExample (a schema in `schemas`, used twice).
 * github.com/Azure/opendigitaltwins-dtdl, DTDL/Docs/en-US/DTDL.v3.md @ 3cc23c5, "Interface
 * examples" and "Interface schema examples".
 */
export const referenceThermostatV3 = `{
  "@context": "dtmi:dtdl:context;3",
  "@id": "dtmi:com:example:Thermostat;1",
  "@type": "Interface",
  "displayName": "Thermostat",
  "contents": [
    {
      "@type": "Telemetry",
      "name": "temp",
      "schema": "double"
    },
    {
      "@type": "Property",
      "name": "setPointTemp",
      "writable": true,
      "schema": "double"
    }
  ]
}`;

export const referenceConferenceRoomV3 = `[
  {
    "@context": "dtmi:dtdl:context;3",
    "@id": "dtmi:com:example:Room;1",
    "@type": "Interface",
    "contents": [
      {
        "@type": "Property",
        "name": "occupied",
        "schema": "boolean"
      }
    ]
  },
  {
    "@context": "dtmi:dtdl:context;3",
    "@id": "dtmi:com:example:ConferenceRoom;1",
    "@type": "Interface",
    "extends": "dtmi:com:example:Room;1",
    "contents": [
      {
        "@type": "Property",
        "name": "capacity",
        "schema": "integer"
      }
    ]
  }
]`;

export const referenceReusableTypeV3 = `{
  "@context": "dtmi:dtdl:context;3",
  "@id": "dtmi:com:example:ReusableTypeExample;1",
  "@type": "Interface",
  "contents": [
    {
      "@type": "Telemetry",
      "name": "accelerometer1",
      "schema": "dtmi:com:example:acceleration;1"
    },
    {
      "@type": "Telemetry",
      "name": "accelerometer2",
      "schema": "dtmi:com:example:acceleration;1"
    }
  ],
  "schemas": [
    {
      "@id": "dtmi:com:example:acceleration;1",
      "@type": "Object",
      "fields": [
        {
          "name": "x",
          "schema": "double"
        },
        {
          "name": "y",
          "schema": "double"
        },
        {
          "name": "z",
          "schema": "double"
        }
      ]
    }
  ]
}`;

/**
 * The QuantitativeTypes extension's example: four co-typed Telemetries under the v3 context and
 * `dtmi:dtdl:extension:quantitativeTypes;1`. github.com/Azure/opendigitaltwins-dtdl,
 * DTDL/v3/DTDL.quantitativeTypes.v1.md @ 965dc75, "Semantic type and unit examples".
 */
export const quantitativeSensorV3 = `{
  "@context": [
    "dtmi:dtdl:context;3",
    "dtmi:dtdl:extension:quantitativeTypes;1"
  ],
  "@id": "dtmi:com:example:Sensor;1",
  "@type": "Interface",
  "contents": [
    {
      "@type": [ "Telemetry", "Temperature" ],
      "name": "thermometer",
      "schema": "double",
      "unit": "degreeCelsius"
    },
    {
      "@type": [ "Telemetry", "Pressure" ],
      "name": "barometer",
      "schema": "double",
      "unit": "millibar"
    },
    {
      "@type": [ "Telemetry", "RelativeHumidity" ],
      "name": "humidityMeter",
      "schema": "integer",
      "unit": "percent"
    },
    {
      "@type": [ "Telemetry", "Velocity" ],
      "name": "anemometer",
      "schema": "double",
      "unit": "metrePerSecond"
    }
  ]
}`;

/**
 * RealEstateCore 3.3 as converted to DTDL v2 for Azure Digital Twins: Space (with isPartOf and
 * hasPart), Room and Building extending it; Building has an Address Component whose interface is
 * not part of this sample. github.com/Azure/opendigitaltwins-building: Ontology/Space.json
 * @ 97e5f71, Ontology/Space/Room/Room.json @ 742c292, Ontology/Space/Building/Building.json @ 5855097.
 */
export const recSpace = `{
  "@id": "dtmi:digitaltwins:rec_3_3:core:Space;1",
  "@type": "Interface",
  "contents": [
    {
      "@type": "Property",
      "description": {
        "en": "The number of people presently occupying a Space."
      },
      "displayName": {
        "en": "person occupancy"
      },
      "name": "personOccupancy",
      "schema": "integer",
      "writable": true
    },
    {
      "@type": "Property",
      "description": {
        "en": "The number of people who can fit in a Space."
      },
      "displayName": {
        "en": "person capacity"
      },
      "name": "personCapacity",
      "schema": "integer",
      "writable": true
    },
    {
      "@type": "Relationship",
      "description": {
        "en": "Indicates that a Space or Asset is served by some Sensor/Actuator or other Asset. For example: an entrance room might be served by (e.g., covered by) some camera equipment, or a conference room served by a CO2 sensor. Note that Assets can also service one another, e.g., an air-treatment Asset might serve an air diffuser Asset. Inverse of: serves"
      },
      "displayName": {
        "en": "served by"
      },
      "name": "servedBy"
    },
    {
      "@type": "Relationship",
      "description": {
        "en": "Property that defines the legal owner(s) of a given entity. Inverse of: owns"
      },
      "displayName": {
        "en": "owned by"
      },
      "name": "ownedBy",
      "target": "dtmi:digitaltwins:rec_3_3:core:Agent;1"
    },
    {
      "@type": "Relationship",
      "displayName": {
        "en": "operated by"
      },
      "name": "operatedBy",
      "target": "dtmi:digitaltwins:rec_3_3:core:Agent;1"
    },
    {
      "@type": "Relationship",
      "description": {
        "en": "Indicates a super-entity of the same base type (i.e., Spaces only have Spaces as parents, Organizations only have Organizations, etc). Inverse of: hasPart"
      },
      "displayName": {
        "en": "is part of"
      },
      "name": "isPartOf",
      "target": "dtmi:digitaltwins:rec_3_3:core:Space;1"
    },
    {
      "@type": "Relationship",
      "description": {
        "en": "Indicates that an entity is included in some Collection, e.g., a Building is included in a RealEstate, or a Room is included in an Apartment. Inverse of: includes"
      },
      "displayName": {
        "en": "included in"
      },
      "name": "includedIn",
      "target": "dtmi:digitaltwins:rec_3_3:core:Collection;1"
    },
    {
      "@type": "Relationship",
      "description": {
        "en": "Points to sub-entities that share the same base type (i.e., Spaces only have Spaces as parts, Assets only have Assets as parts, etc.). Inverse of: isPartOf"
      },
      "displayName": {
        "en": "has part"
      },
      "name": "hasPart",
      "target": "dtmi:digitaltwins:rec_3_3:core:Space;1"
    },
    {
      "@type": "Relationship",
      "displayName": {
        "en": "has capability"
      },
      "name": "hasCapability",
      "target": "dtmi:digitaltwins:rec_3_3:core:Capability;1"
    },
    {
      "@type": "Relationship",
      "displayName": {
        "en": "constructed by"
      },
      "name": "constructedBy",
      "target": "dtmi:digitaltwins:rec_3_3:core:Agent;1"
    },
    {
      "@type": "Relationship",
      "displayName": {
        "en": "architected by"
      },
      "name": "architectedBy",
      "target": "dtmi:digitaltwins:rec_3_3:core:Agent;1"
    },
    {
      "@type": "Property",
      "displayName": {
        "en": "name"
      },
      "name": "name",
      "schema": "string",
      "writable": true
    }
  ],
  "description": {
    "en": "A contiguous part of the physical world that has a 3D spatial extent and that contains or can contain sub-spaces. E.g., a Region can contain many pieces of Land, which in turn can contain many Buildings."
  },
  "displayName": {
    "en": "Space"
  },
  "@context": "dtmi:dtdl:context;2"
}`;

export const recRoom = `{
  "@id": "dtmi:digitaltwins:rec_3_3:core:Room;1",
  "@type": "Interface",
  "description": {
    "en": "Base class for all more specific room types."
  },
  "displayName": {
    "en": "Room"
  },
  "extends": "dtmi:digitaltwins:rec_3_3:core:Space;1",
  "@context": "dtmi:dtdl:context;2"
}`;

export const recBuilding = `{
  "@id": "dtmi:digitaltwins:rec_3_3:core:Building;1",
  "@type": "Interface",
  "contents": [
    {
      "@type": "Component",
      "displayName": {
        "en": "address"
      },
      "name": "address",
      "schema": "dtmi:digitaltwins:rec_3_3:addressing:Address;1"
    },
    {
      "@type": "Relationship",
      "description": {
        "en": "Parthood traversal property linking Buildings to the Building Components that they are made up of. Inverse of: isPartOfBuilding, componentOfBuilding"
      },
      "displayName": {
        "en": "has building component"
      },
      "name": "hasBuildingComponent",
      "target": "dtmi:digitaltwins:rec_3_3:core:BuildingComponent;1"
    }
  ],
  "description": {
    "en": "A confined building structure."
  },
  "displayName": {
    "en": "Building"
  },
  "extends": "dtmi:digitaltwins:rec_3_3:core:Space;1",
  "@context": "dtmi:dtdl:context;2"
}`;

/** The three as one file, as a model upload holds them. */
export const recSpaceRoomBuilding = `[${recSpace},${recRoom},${recBuilding}]`;

/**
 * An earlier RealEstateCore Building that names its members by DTMI, as JSON-LD allows
 * (`"dtmi:dtdl:property:contents;2"` for `contents`). github.com/Azure/opendigitaltwins-building,
 * Ontology/Space/Building/Building.json @ 01ae144.
 */
export const recCoreBuildingDtmiMembers = `{
  "@id": "dtmi:org:w3id:rec:core:Building;1",
  "@type": "Interface",
  "dtmi:dtdl:property:contents;2": [
    {
      "@type": "Relationship",
      "description": {
        "en": "Associates a building with a point in some coordinate reference system which can be used to resolve local (building-specific) coordinates against this outer coordinate reference system."
      },
      "displayName": {
        "en": "has geo-reference origo"
      },
      "name": "hasGeoReferenceOrigo",
      "target": "dtmi:org:w3id:rec:core:GeoReferenceOrigo;1"
    },
    {
      "@type": "Relationship",
      "description": {
        "en": "Parthood traversal property linking Buildings to the Building Components that they are made up of. Inverse of: isPartOfBuilding, componentOfBuilding"
      },
      "displayName": {
        "en": "has building component"
      },
      "name": "hasBuildingComponent",
      "target": "dtmi:org:w3id:rec:core:BuildingComponent;1"
    }
  ],
  "description": {
    "en": "A confined building structure."
  },
  "displayName": {
    "en": "Building"
  },
  "extends": "dtmi:org:w3id:rec:core:Space;1",
  "@context": "dtmi:dtdl:context;2"
}`;
