// Reads a Terraform state file — format version 4, written by Terraform 0.12 and later and by
// OpenTofu (`terraform.tfstate`, or `terraform state pull`):
//
//   {"version": 4, "terraform_version": "1.9.5", "serial": 12, "lineage": "…", "outputs": {…},
//    "resources": [{"module": "module.net", "mode": "managed", "type": "aws_instance", "name": "web",
//                   "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
//                   "instances": [{"index_key": 0, "schema_version": 1, "attributes": {…}}]}]}
//
// into one entry per resource instance, with its JSON path for problems. A resource or instance
// that is not what the format says is reported and skipped; the rest is kept.
import { type FieldPath, formatFieldPath, InputError } from '../../../model/index.js';
import type { InventoryProblem } from '../inventory-import.js';
import { isRecord, JsonFields, type ReportProblem } from '../json-fields.js';

export interface TerraformResourceInstance {
  /** `module.net.aws_subnet.private["b"]`: the address Terraform shows. */
  readonly address: string;
  /** `module.net`, for resources inside a module. */
  readonly module?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly provider?: string;
  readonly indexKey?: string | number;
  /** `['resources', 3, 'instances', 0]`. */
  readonly path: FieldPath;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** A deposed object: an old copy kept until its replacement is done. */
  readonly deposed?: string;
}

export interface TerraformState {
  readonly version: 4;
  readonly terraformVersion?: string;
  readonly serial?: number;
  readonly lineage?: string;
  readonly instances: TerraformResourceInstance[];
  readonly problems: InventoryProblem[];
}

/**
 * The state's resource instances. Throws an InputError when the input is not a version-4 state at
 * all (another version, `terraform show -json` output, not JSON); problems inside it are returned.
 */
export function readTerraformState(input: unknown): TerraformState {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      throw new InputError(`Terraform state is not JSON: ${(error as Error).message}`);
    }
  }
  if (!isRecord(value)) throw new InputError('Terraform state must be a JSON object');
  const version = value.version;
  if (version !== 4) {
    if (version === undefined && 'format_version' in value && 'values' in value) {
      throw new InputError(
        'this is `terraform show -json` output, not a state file: give the state itself (terraform.tfstate, or `terraform state pull`)',
      );
    }
    if (version === undefined) throw new InputError('not a Terraform state: it has no "version" field');
    const writer =
      typeof value.terraform_version === 'string' ? ` (written by Terraform ${value.terraform_version})` : '';
    throw new InputError(
      `Terraform state version ${JSON.stringify(version)}${writer} is not supported: only version 4, written by Terraform 0.12 and later and by OpenTofu, can be read; upgrade the state by running a current Terraform against it`,
      [{ field: 'version', message: `expected 4, found ${JSON.stringify(version)}` }],
    );
  }
  const problems: InventoryProblem[] = [];
  const report = (path: FieldPath, message: string) =>
    problems.push({ path: formatFieldPath(path), message });
  const resources = value.resources ?? [];
  if (!Array.isArray(resources)) throw new InputError('Terraform state: "resources" must be an array');
  const instances: TerraformResourceInstance[] = [];
  resources.forEach((resource, index) => {
    readResource(resource, ['resources', index], instances, report);
  });
  const state: TerraformState = { version: 4, instances, problems };
  return {
    ...state,
    ...(typeof value.terraform_version === 'string' ? { terraformVersion: value.terraform_version } : {}),
    ...(typeof value.serial === 'number' ? { serial: value.serial } : {}),
    ...(typeof value.lineage === 'string' ? { lineage: value.lineage } : {}),
  };
}

function readResource(
  resource: unknown,
  path: FieldPath,
  out: TerraformResourceInstance[],
  report: (path: FieldPath, message: string) => void,
): void {
  if (!isRecord(resource)) {
    report(path, 'a resource must be an object: skipped');
    return;
  }
  const { type, name, mode, module, instances } = resource;
  const skip = (field: string, message: string) => report([...path, field], `${message}: resource skipped`);
  if (typeof type !== 'string' || type === '') {
    skip('type', 'must be a resource type');
    return;
  }
  if (typeof name !== 'string' || name === '') {
    skip('name', 'must be a resource name');
    return;
  }
  if (mode !== 'managed' && mode !== 'data') {
    skip('mode', `must be "managed" or "data", found ${JSON.stringify(mode)}`);
    return;
  }
  if (module !== undefined && typeof module !== 'string') {
    skip('module', 'must be a module address');
    return;
  }
  if (!Array.isArray(instances)) {
    skip('instances', 'must be an array');
    return;
  }
  const base = `${module ? `${module}.` : ''}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  instances.forEach((instance: unknown, index) => {
    const at: FieldPath = [...path, 'instances', index];
    if (!isRecord(instance)) {
      report(at, 'a resource instance must be an object: skipped');
      return;
    }
    if (!isRecord(instance.attributes)) {
      const found = instance.attributes_flat === undefined ? 'no attributes' : 'only attributes_flat';
      report([...at, 'attributes'], `must be an object (found ${found}): instance skipped`);
      return;
    }
    const key = instance.index_key;
    const indexKey = typeof key === 'string' || typeof key === 'number' ? key : undefined;
    const suffix = indexKey === undefined ? '' : `[${JSON.stringify(indexKey)}]`;
    const entry: TerraformResourceInstance = {
      address: base + suffix,
      mode,
      type,
      name,
      path: at,
      attributes: instance.attributes,
      ...(module ? { module } : {}),
      ...(typeof resource.provider === 'string' ? { provider: resource.provider } : {}),
      ...(indexKey !== undefined ? { indexKey } : {}),
      ...(typeof instance.deposed === 'string' ? { deposed: instance.deposed } : {}),
    };
    out.push(entry);
  });
}

/** An instance's attributes as typed fields that report problems at `resources[i].instances[j].attributes.<key>`. */
export function attributeFields(instance: TerraformResourceInstance, report: ReportProblem): JsonFields {
  return new JsonFields(instance.attributes, [...instance.path, 'attributes'], report);
}
