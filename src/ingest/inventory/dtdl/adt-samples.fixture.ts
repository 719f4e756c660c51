// Azure Digital Twins graph files as published, for the twin-file reader and the importer.

/**
 * The Import Jobs API's sample input, verbatim: Header, two DTDL v2 models, two twins and a
 * relationship with properties. learn.microsoft.com/azure/digital-twins/concepts-apis-sdks,
 * "Format data" (github.com/MicrosoftDocs/azure-docs, articles/digital-twins/concepts-apis-sdks.md).
 * Note that the relationship's properties are spelled `relationshipProperty1/2`, where the model
 * declares `relationshipproperty1/2`: the sample's own inconsistency, kept.
 */
export const importJobSample = `{"Section": "Header"}
{"fileVersion": "1.0.0", "author": "foobar", "organization": "contoso"}
{"Section": "Models"}
{"@id":"dtmi:com:microsoft:azure:iot:model0;1","@type":"Interface","contents":[{"@type":"Property","name":"property00","schema":"integer"},{"@type":"Property","name":"property01","schema":{"@type":"Map","mapKey":{"name":"subPropertyName","schema":"string"},"mapValue":{"name":"subPropertyValue","schema":"string"}}},{"@type":"Relationship","name":"has","target":"dtmi:com:microsoft:azure:iot:model1;1","properties":[{"@type":"Property","name":"relationshipproperty1","schema":"string"},{"@type":"Property","name":"relationshipproperty2","schema":"integer"}]}],"description":{"en":"This is the description of model"},"displayName":{"en":"This is the display name"},"@context":"dtmi:dtdl:context;2"}
{"@id":"dtmi:com:microsoft:azure:iot:model1;1","@type":"Interface","contents":[{"@type":"Property","name":"property10","schema":"string"},{"@type":"Property","name":"property11","schema":{"@type":"Map","mapKey":{"name":"subPropertyName","schema":"string"},"mapValue":{"name":"subPropertyValue","schema":"string"}}}],"description":{"en":"This is the description of model"},"displayName":{"en":"This is the display name"},"@context":"dtmi:dtdl:context;2"}
{"Section": "Twins"}
{"$dtId":"twin0","$metadata":{"$model":"dtmi:com:microsoft:azure:iot:model0;1"},"property00":10,"property01":{"subProperty1":"subProperty1Value","subProperty2":"subProperty2Value"}}
{"$dtId":"twin1","$metadata":{"$model":"dtmi:com:microsoft:azure:iot:model1;1"},"property10":"propertyValue1","property11":{"subProperty1":"subProperty1Value","subProperty2":"subProperty2Value"}}
{"Section": "Relationships"}
{"$dtId":"twin0","$relationshipId":"relationship","$targetId":"twin1","$relationshipName":"has","relationshipProperty1":"propertyValue1","relationshipProperty2":10}
`;

/**
 * An ADT Explorer export of RealEstateCore's "Costello Heights" spatial guide: a Building, two
 * Levels and four Rooms linked by hasPart, with the REC 4 models (Space, Architecture with two
 * Components and an Enum relationship property, Building, Level, Room) in digitalTwinsModels.
 * github.com/RealEstateCore/realestatecore.github.io, docs/guides/spatial/spatial.json @ 22d2156.
 */
export const recSpatialExport = String.raw`{
    "digitalTwinsFileInfo": {
      "fileVersion": "1.0.0"
    },
    "digitalTwinsGraph": {
      "digitalTwins": [
        {
          "$dtId": "CostelloHeights",
          "$etag": "W/\"ee7f9ac5-cde8-482e-9f3f-de4b3da170f8\"",
          "geometry": "[[14.16, 57.77], ... , [14.16, 57.77]]",
          "$metadata": {
            "$model": "dtmi:org:w3id:rec:Building;1"
          }
        },
        {
          "$dtId": "UpperFloor",
          "$etag": "W/\"3d904969-d842-4bf0-b1f6-7ff6b687460c\"",
          "levelNumber": 2,
          "$metadata": {
            "$model": "dtmi:org:w3id:rec:Level;1"
          }
        },
        {
          "$dtId": "LowerFloor",
          "$etag": "W/\"459c63ee-04d7-4031-91fb-e50e64a5d8b4\"",
          "levelNumber": 1,
          "geometry": "[[0.5, 0.5], ... , [15.5, 15.5]]",
          "$metadata": {
            "$model": "dtmi:org:w3id:rec:Level;1"
          }
        },
        {
          "$dtId": "110",
          "$etag": "W/\"4e9d7305-45e9-4375-8ad6-a54214693836\"",
          "$metadata": {
            "$model": "dtmi:org:w3id:rec:Room;1"
          }
        },
        {
          "$dtId": "111",
          "$etag": "W/\"fe3f3008-7ddb-428e-8b24-2486023d329f\"",
          "$metadata": {
            "$model": "dtmi:org:w3id:rec:Room;1"
          }
        },
        {
          "$dtId": "120",
          "$etag": "W/\"d1db10f1-a098-4c5d-8e2f-092e8c11f418\"",
          "geometry": "[[4.0, 2.5], ... , [4.0, 2.5]]",
          "$metadata": {
            "$model": "dtmi:org:w3id:rec:Room;1"
          }
        },
        {
          "$dtId": "123",
          "$etag": "W/\"04afb682-532c-4766-8ac2-250eb361ca62\"",
          "$metadata": {
            "$model": "dtmi:org:w3id:rec:Room;1"
          }
        }
      ],
      "relationships": [
        {
          "$relationshipId": "b39e860c-da8d-43b0-870a-c95f50d55e4b",
          "$sourceId": "UpperFloor",
          "$targetId": "120",
          "$relationshipName": "hasPart",
          "$etag": "W/\"650fece0-bece-41a0-9736-da5e77a026ed\""
        },
        {
          "$relationshipId": "e73425ff-afe3-43d8-97d2-c5405bb5ab44",
          "$sourceId": "UpperFloor",
          "$targetId": "123",
          "$relationshipName": "hasPart",
          "$etag": "W/\"0aefde91-e11e-4320-8ddb-cddaa3750661\""
        },
        {
          "$relationshipId": "53388efc-0a90-4bb0-a6bd-d93d04554106",
          "$sourceId": "LowerFloor",
          "$targetId": "110",
          "$relationshipName": "hasPart",
          "$etag": "W/\"97032cca-9432-498b-82ad-cb682cd82d0f\""
        },
        {
          "$relationshipId": "92d67bf5-7a60-4895-aa4e-13335402b377",
          "$sourceId": "LowerFloor",
          "$targetId": "111",
          "$relationshipName": "hasPart",
          "$etag": "W/\"7c807e6f-53cc-45db-aef7-959d8925d91e\""
        },
        {
          "$relationshipId": "6fea7ce8-1827-4d6f-8773-dc42ffd124b5",
          "$sourceId": "CostelloHeights",
          "$targetId": "UpperFloor",
          "$relationshipName": "hasPart",
          "$etag": "W/\"fbbb0925-b5a2-4221-ad4e-4eb45e6311ef\""
        },
        {
          "$relationshipId": "5451cb07-4a2c-4b0e-b2f8-a81f777e85c6",
          "$sourceId": "CostelloHeights",
          "$targetId": "LowerFloor",
          "$relationshipName": "hasPart",
          "$etag": "W/\"99b9f7b6-a150-4923-952f-f08f14bf08be\""
        }
      ]
    },
    "digitalTwinsModels": [
      {
        "@id": "dtmi:org:w3id:rec:Space;1",
        "@type": "Interface",
        "contents": [
          {
            "@type": "Property",
            "displayName": {
              "en": "Custom Tags"
            },
            "name": "customTags",
            "schema": {
              "@type": "Map",
              "mapKey": {
                "name": "tagName",
                "schema": "string"
              },
              "mapValue": {
                "name": "tagValue",
                "schema": "boolean"
              }
            },
            "writable": true
          },
          {
            "@type": "Property",
            "displayName": {
              "en": "External IDs"
            },
            "name": "externalIds",
            "schema": {
              "@type": "Map",
              "mapKey": {
                "name": "externalIdName",
                "schema": "string"
              },
              "mapValue": {
                "name": "externalIdValue",
                "schema": "string"
              }
            },
            "writable": true
          },
          {
            "@type": "Property",
            "description": {
              "en": "A GeoJSON Polygon coordinate listing representing the geometrical representation of the space. Coordinates may be expressed in two or three dimensions. Ex: [[30.0, 10.0, 0.0], [40.0, 40.0, 2.0], [20.0, 40.0, 2.0], [10.0, 20.0, 2.0], [30.0, 10.0, 0.0]]."
            },
            "displayName": {
              "en": "geometry"
            },
            "name": "geometry",
            "schema": "string",
            "writable": true
          },
          {
            "@type": "Property",
            "displayName": {
              "en": "name"
            },
            "name": "name",
            "schema": "string",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "has part"
            },
            "name": "hasPart",
            "target": "dtmi:org:w3id:rec:Space;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "is location of"
            },
            "name": "isLocationOf",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "is part of"
            },
            "maxMultiplicity": 1,
            "name": "isPartOf",
            "target": "dtmi:org:w3id:rec:Space;1",
            "writable": true
          }
        ],
        "description": {
          "en": "A contiguous part of the physical world that contains or can contain sub-spaces. E.g., a Region can contain many Sites, which in turn can contain many Buildings."
        },
        "displayName": {
          "en": "Space"
        },
        "@context": [
          "dtmi:dtdl:context;2"
        ]
      },
      {
        "@id": "dtmi:org:w3id:rec:Information;1",
        "@type": "Interface",
        "contents": [
          {
            "@type": "Property",
            "displayName": {
              "en": "Custom Tags"
            },
            "name": "customTags",
            "schema": {
              "@type": "Map",
              "mapKey": {
                "name": "tagName",
                "schema": "string"
              },
              "mapValue": {
                "name": "tagValue",
                "schema": "boolean"
              }
            },
            "writable": true
          },
          {
            "@type": "Property",
            "displayName": {
              "en": "External IDs"
            },
            "name": "externalIds",
            "schema": {
              "@type": "Map",
              "mapKey": {
                "name": "externalIdName",
                "schema": "string"
              },
              "mapValue": {
                "name": "externalIdValue",
                "schema": "string"
              }
            },
            "writable": true
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
        "displayName": {
          "en": "Information"
        },
        "@context": [
          "dtmi:dtdl:context;2"
        ]
      },
      {
        "@id": "dtmi:org:w3id:rec:ArchitectureArea;1",
        "@type": "Interface",
        "contents": [
          {
            "@type": "Property",
            "displayName": {
              "en": "gross area"
            },
            "name": "grossArea",
            "schema": "float",
            "writable": true
          },
          {
            "@type": "Property",
            "displayName": {
              "en": "net area"
            },
            "name": "netArea",
            "schema": "float",
            "writable": true
          },
          {
            "@type": "Property",
            "displayName": {
              "en": "rentable area"
            },
            "name": "rentableArea",
            "schema": "float",
            "writable": true
          }
        ],
        "description": {
          "en": "Describes business-relevant area measurements typically associated with architected spaces. As the exact requirements on these measurements will vary from case to case or jurisdiction to jurisdiction, subclassing and specializing this definition is encouraged."
        },
        "displayName": {
          "en": "Architecture area"
        },
        "extends": "dtmi:org:w3id:rec:Information;1",
        "@context": [
          "dtmi:dtdl:context;2"
        ]
      },
      {
        "@id": "dtmi:org:w3id:rec:ArchitectureCapacity;1",
        "@type": "Interface",
        "contents": [
          {
            "@type": "Property",
            "description": {
              "en": "E.g., per Building Code"
            },
            "displayName": {
              "en": "maximum occupancy"
            },
            "name": "maxOccupancy",
            "schema": "integer",
            "writable": true
          },
          {
            "@type": "Property",
            "displayName": {
              "en": "seating capacity"
            },
            "name": "seatingCapacity",
            "schema": "integer",
            "writable": true
          }
        ],
        "description": {
          "en": "Describes business-relevant capacity measurements typically associated with architected spaces. As the exact requirements on these measurements will vary from case to case or jurisdiction to jurisdiction, subclassing and specializing this definition is encouraged."
        },
        "displayName": {
          "en": "Architecture capacity"
        },
        "extends": "dtmi:org:w3id:rec:Information;1",
        "@context": [
          "dtmi:dtdl:context;2"
        ]
      },
      {
        "@id": "dtmi:org:w3id:rec:Architecture;1",
        "@type": "Interface",
        "contents": [
          {
            "@type": "Component",
            "displayName": {
              "en": "area"
            },
            "name": "area",
            "schema": "dtmi:org:w3id:rec:ArchitectureArea;1"
          },
          {
            "@type": "Component",
            "displayName": {
              "en": "capacity"
            },
            "name": "capacity",
            "schema": "dtmi:org:w3id:rec:ArchitectureCapacity;1"
          },
          {
            "@type": "Relationship",
            "description": {
              "en": "Physical address of the architecture (site, building, sub-building, entrance room, etc.) in question."
            },
            "displayName": {
              "en": "address"
            },
            "name": "address",
            "target": "dtmi:org:w3id:rec:PostalAddress;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "adjacent element"
            },
            "name": "adjacentElement",
            "target": "dtmi:org:w3id:rec:BuildingElement;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "architected by"
            },
            "name": "architectedBy",
            "target": "dtmi:org:w3id:rec:Agent;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "name": "constructedBy",
            "target": "dtmi:org:w3id:rec:Agent;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "description": {
              "en": "Links an Architecture to BuildingElement that is contained in the Space."
            },
            "displayName": {
              "en": "contains element"
            },
            "name": "containsElement",
            "target": "dtmi:org:w3id:rec:BuildingElement;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "documentation"
            },
            "name": "documentation",
            "target": "dtmi:org:w3id:rec:Document;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "has point"
            },
            "name": "hasPoint",
            "target": "dtmi:org:brickschema:schema:Brick:Point;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "intersecting element"
            },
            "name": "intersectingElement",
            "target": "dtmi:org:w3id:rec:BuildingElement;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "is fed by"
            },
            "name": "isFedBy",
            "properties": {
              "@type": "Property",
              "displayName": {
                "en": "substance"
              },
              "name": "substance",
              "schema": {
                "@type": "Enum",
                "enumValues": [
                  {
                    "enumValue": "ACElec",
                    "name": "ACElec"
                  },
                  {
                    "enumValue": "Air",
                    "name": "Air"
                  },
                  {
                    "enumValue": "BlowdownWater",
                    "name": "BlowdownWater"
                  },
                  {
                    "enumValue": "ChilledWater",
                    "name": "ChilledWater"
                  },
                  {
                    "enumValue": "ColdDomesticWater",
                    "name": "ColdDomesticWater"
                  },
                  {
                    "enumValue": "Condensate",
                    "name": "Condensate"
                  },
                  {
                    "enumValue": "CondenserWater",
                    "name": "CondenserWater"
                  },
                  {
                    "enumValue": "DCElec",
                    "name": "DCElec"
                  },
                  {
                    "enumValue": "Diesel",
                    "name": "Diesel"
                  },
                  {
                    "enumValue": "DriveElec",
                    "name": "DriveElec"
                  },
                  {
                    "enumValue": "Ethernet",
                    "name": "Ethernet"
                  },
                  {
                    "enumValue": "ExhaustAir",
                    "name": "ExhaustAir"
                  },
                  {
                    "enumValue": "Freight",
                    "name": "Freight"
                  },
                  {
                    "enumValue": "FuelOil",
                    "name": "FuelOil"
                  },
                  {
                    "enumValue": "Gasoline",
                    "name": "Gasoline"
                  },
                  {
                    "enumValue": "GreaseExhaustAir",
                    "name": "GreaseExhaustAir"
                  },
                  {
                    "enumValue": "HotDomesticWater",
                    "name": "HotDomesticWater"
                  },
                  {
                    "enumValue": "HotWater",
                    "name": "HotWater"
                  },
                  {
                    "enumValue": "IrrigationWater",
                    "name": "IrrigationWater"
                  },
                  {
                    "enumValue": "Light",
                    "name": "Light"
                  },
                  {
                    "enumValue": "MakeupWater",
                    "name": "MakeupWater"
                  },
                  {
                    "enumValue": "NaturalGas",
                    "name": "NaturalGas"
                  },
                  {
                    "enumValue": "NonPotableDomesticWater",
                    "name": "NonPotableDomesticWater"
                  },
                  {
                    "enumValue": "OutsideAir",
                    "name": "OutsideAir"
                  },
                  {
                    "enumValue": "People",
                    "name": "People"
                  },
                  {
                    "enumValue": "Propane",
                    "name": "Propane"
                  },
                  {
                    "enumValue": "RecircHotDomesticWater",
                    "name": "RecircHotDomesticWater"
                  },
                  {
                    "enumValue": "Refrig",
                    "name": "Refrig"
                  },
                  {
                    "enumValue": "ReturnAir",
                    "name": "ReturnAir"
                  },
                  {
                    "enumValue": "SprinklerWater",
                    "name": "SprinklerWater"
                  },
                  {
                    "enumValue": "Steam",
                    "name": "Steam"
                  },
                  {
                    "enumValue": "StormDrainage",
                    "name": "StormDrainage"
                  },
                  {
                    "enumValue": "SupplyAir",
                    "name": "SupplyAir"
                  },
                  {
                    "enumValue": "TransferAir",
                    "name": "TransferAir"
                  },
                  {
                    "enumValue": "WasteVentDrainage",
                    "name": "WasteVentDrainage"
                  },
                  {
                    "enumValue": "Water",
                    "name": "Water"
                  }
                ],
                "valueSchema": "string"
              },
              "writable": true
            },
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "operated by"
            },
            "name": "operatedBy",
            "target": "dtmi:org:w3id:rec:Agent;1",
            "writable": true
          },
          {
            "@type": "Relationship",
            "displayName": {
              "en": "owned by"
            },
            "name": "ownedBy",
            "target": "dtmi:org:w3id:rec:Agent;1",
            "writable": true
          }
        ],
        "description": {
          "en": "A designed/landscaped (or potentially designed/landscaped) part of the physical world that has a 3D spatial extent. E.g., a building site, a building, levels within the building, rooms, etc."
        },
        "displayName": {
          "en": "Architecture"
        },
        "extends": "dtmi:org:w3id:rec:Space;1",
        "@context": [
          "dtmi:dtdl:context;2"
        ]
      },
      {
        "@id": "dtmi:org:w3id:rec:Building;1",
        "@type": "Interface",
        "description": {
          "en": "A confined building structure."
        },
        "displayName": {
          "en": "Building"
        },
        "extends": "dtmi:org:w3id:rec:Architecture;1",
        "@context": [
          "dtmi:dtdl:context;2"
        ]
      },
      {
        "@id": "dtmi:org:w3id:rec:Level;1",
        "@type": "Interface",
        "contents": [
          {
            "@type": "Property",
            "displayName": {
              "en": "level number"
            },
            "name": "levelNumber",
            "schema": "integer",
            "writable": true
          }
        ],
        "description": {
          "en": "The level of a building, a.k.a. storey, floor, etc."
        },
        "displayName": {
          "en": "Level"
        },
        "extends": "dtmi:org:w3id:rec:Architecture;1",
        "@context": [
          "dtmi:dtdl:context;2"
        ]
      },
      {
        "@id": "dtmi:org:w3id:rec:Room;1",
        "@type": "Interface",
        "displayName": {
          "en": "Room"
        },
        "extends": "dtmi:org:w3id:rec:Architecture;1",
        "@context": [
          "dtmi:dtdl:context;2"
        ]
      }
    ]
  }`;

/**
 * The same guide's sensor export, which carries no models: its twins are Rooms and Brick sensors.
 * github.com/RealEstateCore/realestatecore.github.io, docs/guides/sensor/index.md @ 023cdb8,
 * "Azure Digital Twins JSON representation".
 */
export const recSensorExport = String.raw`{
  "digitalTwinsFileInfo": {
    "fileVersion": "1.0.0"
  },
  "digitalTwinsGraph": {
    "digitalTwins": [
      {
        "$dtId": "120",
        "$etag": "W/\"d1db10f1-a098-4c5d-8e2f-092e8c11f418\"",
        "geometry": "[[4.0, 2.5], ... , [4.0, 2.5]]",
        "$metadata": {
          "$model": "dtmi:org:w3id:rec:Room;1"
        }
      },
      {
        "$dtId": "211",
        "$etag": "W/\"a6fd1495-f58e-4591-99fd-9bf7eacb92c4\"",
        "$metadata": {
          "$model": "dtmi:org:w3id:rec:Room;1"
        }
      },
      {
        "$dtId": "211_Tmp",
        "$etag": "W/\"b58fb532-0d8f-493f-9ac6-f3577a1780ee\"",
        "lastKnownValue": {
          "timestamp": "2022-08-29T15:55:29",
          "value": "20.3"
        },
        "$metadata": {
          "$model": "dtmi:org:brickschema:schema:Brick:Temperature_Sensor;1"
        }
      },
      {
        "$dtId": "120_Tmp",
        "$etag": "W/\"a5d93531-3d62-46ac-ae72-b775d5866a21\"",
        "lastKnownValue": {
          "timestamp": "2022-08-29T15:54:11",
          "value": "19.5"
        },
        "$metadata": {
          "$model": "dtmi:org:brickschema:schema:Brick:Temperature_Sensor;1"
        }
      },
      {
        "$dtId": "211_Mtn",
        "$etag": "W/\"f621f1a9-d99c-4a6d-97c1-4ffc025805ab\"",
        "lastKnownValue": {
          "timestamp": "2022-08-29T15:55:46",
          "value": "true"
        },
        "$metadata": {
          "$model": "dtmi:org:brickschema:schema:Brick:Motion_Sensor;1"
        }
      },
      {
        "$dtId": "120_Mtn",
        "$etag": "W/\"e399e478-95ad-4d91-af56-9b1b4542213b\"",
        "lastKnownValue": {
          "timestamp": "2022-08-29T15:54:36",
          "value": "false"
        },
        "$metadata": {
          "$model": "dtmi:org:brickschema:schema:Brick:Motion_Sensor;1"
        }
      },
      {
        "$dtId": "120_Illum",
        "$etag": "W/\"700b90d2-a97f-44ad-b33a-41629f895c41\"",
        "lastKnownValue": {
          "timestamp": "2022-08-29T15:55:11",
          "value": "30"
        },
        "$metadata": {
          "$model": "dtmi:org:brickschema:schema:Brick:Illuminance_Sensor;1"
        }
      },
      {
        "$dtId": "211_Illum",
        "$etag": "W/\"83241a33-8e50-47b9-90fb-918d656337f7\"",
        "lastKnownValue": {
          "timestamp": "2022-08-29T15:55:57",
          "value": "183"
        },
        "$metadata": {
          "$model": "dtmi:org:brickschema:schema:Brick:Illuminance_Sensor;1"
        }
      }
    ],
    "relationships": [
      {
        "$relationshipId": "333444db-94d6-4ef1-a313-f4763229c5e9",
        "$sourceId": "120",
        "$targetId": "120_Tmp",
        "$relationshipName": "hasPoint",
        "$etag": "W/\"8cd3f78e-0eae-404f-8746-81f35c1a7cc5\""
      },
      {
        "$relationshipId": "51131891-217c-4601-a327-11baeca22599",
        "$sourceId": "120",
        "$targetId": "120_Mtn",
        "$relationshipName": "hasPoint",
        "$etag": "W/\"2624d58a-a00f-48a2-9cdb-f01f502cdae0\""
      },
      {
        "$relationshipId": "c3aa185c-47a7-47dd-92e1-adee4540ef27",
        "$sourceId": "120",
        "$targetId": "120_Illum",
        "$relationshipName": "hasPoint",
        "$etag": "W/\"8058b20e-58c4-4422-b1ba-b3bcb1d4bdd3\""
      },
      {
        "$relationshipId": "37a16292-d4e9-4d1c-b27d-dd0324d63f9b",
        "$sourceId": "211",
        "$targetId": "211_Tmp",
        "$relationshipName": "hasPoint",
        "$etag": "W/\"4632718c-43ec-4678-9b8d-77972396b364\""
      },
      {
        "$relationshipId": "869499a5-d2e9-461f-8b2e-bada632146b0",
        "$sourceId": "211",
        "$targetId": "211_Mtn",
        "$relationshipName": "hasPoint",
        "$etag": "W/\"144b35a3-c616-4d30-980a-7a28a58d255b\""
      },
      {
        "$relationshipId": "f6617a73-d14e-4cb2-8d78-5cd13837bc3c",
        "$sourceId": "211",
        "$targetId": "211_Illum",
        "$relationshipName": "hasPoint",
        "$etag": "W/\"9d7ef9d2-6157-49c0-a3f5-168ae470ae0b\""
      }
    ]
  }
}`;
