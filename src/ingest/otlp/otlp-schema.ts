import protobuf from 'protobufjs';
import { otlpProtoSources } from './otlp-proto-sources.js';

/** The vendored OTLP metrics schema, parsed once; both the protobuf and the JSON reader use it. */
function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  // keepCase false: fields get the lowerCamelCase names that OTLP/JSON uses as keys.
  for (const [, text] of otlpProtoSources) protobuf.parse(text, root, { keepCase: false });
  root.resolveAll();
  return root;
}

const root = loadRoot();

export const exportRequestType = root.lookupType(
  'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
);

export const exportResponseType = root.lookupType(
  'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse',
);
