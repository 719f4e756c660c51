import { describe, expect, it } from 'vitest';
import { InputError } from '../../../model/index.js';
import { awsTerraformState } from './aws-state.fixture.js';
import { readTerraformState } from './terraform-state.js';

describe('readTerraformState', () => {
  it('reads every resource instance with its address and path, modules and data sources included', () => {
    const state = readTerraformState(awsTerraformState);
    expect(state.problems).toEqual([]);
    expect(state.terraformVersion).toBe('1.9.5');
    expect(state.serial).toBe(42);
    expect(state.instances.map((instance) => instance.address)).toEqual([
      'data.aws_ami.ubuntu',
      'aws_vpc.main',
      'aws_subnet.public',
      'aws_subnet.private',
      'aws_security_group.web',
      'aws_security_group.db',
      'module.app.aws_security_group_rule.ssh',
      'module.app.aws_instance.web[0]',
      'module.app.aws_instance.web[1]',
      'aws_instance.pg',
      'aws_lb.web',
      'aws_lb_listener.https',
      'aws_lb_listener.http',
      'module.data.aws_db_instance.orders',
      'aws_s3_bucket.logs',
    ]);
    const web1 = state.instances[8];
    expect(web1).toMatchObject({ module: 'module.app', mode: 'managed', type: 'aws_instance', indexKey: 1 });
    expect(web1?.path).toEqual(['resources', 7, 'instances', 1]);
    expect(state.instances[0]?.mode).toBe('data');
  });

  it('reads text, and quotes string index keys as Terraform does', () => {
    const state = readTerraformState(
      JSON.stringify({
        version: 4,
        resources: [
          {
            mode: 'managed',
            type: 'aws_subnet',
            name: 'private',
            instances: [{ index_key: 'eu-west-1a', attributes: { id: 'subnet-1' } }],
          },
        ],
      }),
    );
    expect(state.instances[0]?.address).toBe('aws_subnet.private["eu-west-1a"]');
  });

  it('rejects a version-3 state with a message naming the version', () => {
    const v3 = {
      version: 3,
      terraform_version: '0.11.14',
      serial: 1,
      modules: [{ path: ['root'], resources: {} }],
    };
    expect(() => readTerraformState(v3)).toThrow(InputError);
    expect(() => readTerraformState(v3)).toThrow(
      /^Terraform state version 3 \(written by Terraform 0\.11\.14\) is not supported: only version 4/,
    );
  });

  it('says what is wrong with inputs that are not states', () => {
    expect(() => readTerraformState('{"version": 4,')).toThrow(/^Terraform state is not JSON/);
    expect(() => readTerraformState([])).toThrow('Terraform state must be a JSON object');
    expect(() => readTerraformState({ resources: [] })).toThrow('it has no "version" field');
    expect(() => readTerraformState({ format_version: '1.0', values: { root_module: {} } })).toThrow(
      /terraform show -json/,
    );
    expect(() => readTerraformState({ version: 4, resources: {} })).toThrow('"resources" must be an array');
  });

  it('reports malformed resources and instances by path and keeps the rest', () => {
    const state = readTerraformState({
      version: 4,
      resources: [
        'not a resource',
        { mode: 'managed', name: 'x', instances: [] },
        { mode: 'weird', type: 'aws_vpc', name: 'x', instances: [] },
        { mode: 'managed', type: 'aws_vpc', name: 'x', instances: {} },
        {
          mode: 'managed',
          type: 'aws_vpc',
          name: 'main',
          instances: [null, { attributes_flat: { id: 'vpc-1' } }, { attributes: { id: 'vpc-2' } }],
        },
      ],
    });
    expect(state.problems).toEqual([
      { path: 'resources[0]', message: 'a resource must be an object: skipped' },
      { path: 'resources[1].type', message: 'must be a resource type: resource skipped' },
      { path: 'resources[2].mode', message: 'must be "managed" or "data", found "weird": resource skipped' },
      { path: 'resources[3].instances', message: 'must be an array: resource skipped' },
      { path: 'resources[4].instances[0]', message: 'a resource instance must be an object: skipped' },
      {
        path: 'resources[4].instances[1].attributes',
        message: 'must be an object (found only attributes_flat): instance skipped',
      },
    ]);
    expect(state.instances.map((instance) => instance.attributes.id)).toEqual(['vpc-2']);
  });
});
