import type { Entity, EntityId, InputIssue, Operation, TwinView } from '../../model/index.js';
import { normalConditions } from './estate-conditions.js';
import type { EstateModel } from './estate-model.js';
import { freeCores, placeReplica } from './replica-placement.js';
import type { AddHostsStep, DeployStep, MigrateStep, ScaleStep, ScenarioSpec } from './scenario-spec.js';

/**
 * The steps of a scenario that change the estate's structure (deploy, remove, scale, migrate,
 * add hosts, setpoints, instance types), as operations for the scenario's fork. Traffic and
 * failures are not structure: the timeline plays them. Problems (an unknown entity, no host with
 * room for a replica) come back as issues with the step's field path.
 */
export function structuralOperations(
  spec: ScenarioSpec,
  model: EstateModel,
): { ops: Operation[]; issues: InputIssue[] } {
  const ops: Operation[] = [];
  const issues: InputIssue[] = [];
  const { view } = model;
  const free = freeCores(model, normalConditions(model));
  spec.steps.forEach((step, index) => {
    const field = `steps[${index}]`;
    const need = (id: EntityId, path: string): Entity | undefined => {
      const entity = view.entity(id);
      if (!entity) issues.push({ field: `${field}.${path}`, message: `no entity '${id}'` });
      return entity;
    };
    switch (step.kind) {
      case 'traffic':
        if (step.service !== undefined) need(step.service, 'traffic.service');
        break;
      case 'fail':
        need(step.entity, 'fail.entity');
        break;
      case 'users':
        need(step.service, 'users.service');
        break;
      case 'deploy':
        deploy(step, model, free, ops, issues, `${field}.deploy`);
        break;
      case 'remove':
        if (need(step.service, 'remove.service')) ops.push({ op: 'remove-entity', id: step.service });
        break;
      case 'scale':
        if (need(step.service, 'scale.service')) scale(step, model, free, ops, issues, `${field}.scale`);
        break;
      case 'migrate':
        if (need(step.service, 'migrate.service') && need(step.region, 'migrate.region'))
          migrate(step, view, ops, issues, `${field}.migrate`);
        break;
      case 'add-hosts': {
        const like = need(step.like, 'addHosts.like');
        if (like && (step.rack === undefined || need(step.rack, 'addHosts.rack')))
          addHosts(step, like, view, ops);
        break;
      }
      case 'setpoint':
        if (need(step.coolingUnit, 'setpoint.coolingUnit'))
          ops.push({ op: 'patch-entity', id: step.coolingUnit, props: { setpointCelsius: step.celsius } });
        break;
      case 'instance-type':
        if (need(step.entity, 'instanceType.entity')) {
          const props: Record<string, string | number> = { instanceType: step.instanceType };
          if (step.cores !== undefined) props.cpuCores = step.cores;
          ops.push({ op: 'patch-entity', id: step.entity, props });
        }
        break;
    }
  });
  return { ops, issues };
}

function nameOf(id: EntityId): string {
  return id.slice(id.indexOf(':') + 1);
}

/** Containers for new replicas, placed on hosts matching the labels, each `runs-on` its host. */
function placeContainers(
  model: EstateModel,
  free: Float64Array,
  service: EntityId,
  count: number,
  cores: number,
  placeOn: Readonly<Record<string, string>> | undefined,
  from: number,
  ops: Operation[],
): number {
  const serviceIndex = model.serviceIndex.get(service) ?? -1;
  const conditions = normalConditions(model);
  let placed = 0;
  for (let replica = 0; replica < count; replica++) {
    const id = `container:${nameOf(service)}-sim-${replica + 1}`;
    const spot = placeReplica(
      model,
      conditions,
      free,
      { service: serviceIndex, cores, from, ...(placeOn ? { placeOn } : {}) },
      id,
    );
    if (!spot) break;
    if (serviceIndex >= 0) conditions.placed.push(spot);
    const host = model.hosts[spot.host]?.id as EntityId;
    ops.push({
      op: 'upsert-entity',
      entity: {
        id,
        kind: 'container',
        name: `${nameOf(service)}-sim-${replica + 1}`,
        labels: { service: nameOf(service) },
        props: { cpuCores: cores },
      },
    });
    ops.push({ op: 'upsert-relation', relation: { type: 'runs-on', from: id, to: host } });
    ops.push({ op: 'upsert-relation', relation: { type: 'runs-on', from: service, to: id } });
    placed++;
  }
  return placed;
}

function deploy(
  step: DeployStep,
  model: EstateModel,
  free: Float64Array,
  ops: Operation[],
  issues: InputIssue[],
  field: string,
): void {
  if (model.view.entity(step.service)) {
    issues.push({
      field: `${field}.service`,
      message: `'${step.service}' exists already; use scale to change it`,
    });
    return;
  }
  const kind = step.service.startsWith('database:') ? 'database' : 'service';
  const props: Record<string, number | boolean> = {
    replicas: step.replicas,
    demandCpuSecondsPerRequest: step.demandSeconds,
    entryPoint: step.entryPoint,
  };
  if (step.sloP99Seconds !== undefined) props.sloLatencyP99Seconds = step.sloP99Seconds;
  ops.push({
    op: 'upsert-entity',
    entity: { id: step.service, kind, name: nameOf(step.service), labels: { ...step.placeOn }, props },
  });
  const placed = placeContainers(
    model,
    free,
    step.service,
    step.replicas,
    step.coresPerReplica,
    step.placeOn,
    -1,
    ops,
  );
  if (placed < step.replicas) {
    issues.push({
      field: `${field}.replicas`,
      message: `only ${placed} of ${step.replicas} replicas fit on hosts matching placeOn`,
    });
  }
  for (const [list, path] of [
    [step.calledBy, 'calledBy'],
    [step.calls, 'calls'],
  ] as const) {
    list.forEach((call, index) => {
      if (!model.view.entity(call.service)) {
        issues.push({ field: `${field}.${path}[${index}].service`, message: `no entity '${call.service}'` });
        return;
      }
      const [from, to] = path === 'calledBy' ? [call.service, step.service] : [step.service, call.service];
      ops.push({
        op: 'upsert-relation',
        relation: { type: 'depends-on', from, to, props: { callsPerRequest: call.callsPerRequest } },
      });
    });
  }
}

function scale(
  step: ScaleStep,
  model: EstateModel,
  free: Float64Array,
  ops: Operation[],
  issues: InputIssue[],
  field: string,
): void {
  ops.push({ op: 'patch-entity', id: step.service, props: { replicas: step.replicas } });
  const service = model.serviceIndex.get(step.service);
  const placements = model.view.outgoing(step.service, 'runs-on').length;
  const missing = step.replicas - placements;
  if (service === undefined || missing <= 0) return;
  const first = model.services[service]?.replicas[0];
  const like = first === undefined ? undefined : model.replicas[first];
  const placed = placeContainers(
    model,
    free,
    step.service,
    missing,
    like?.cores ?? 2,
    undefined,
    like?.host ?? -1,
    ops,
  );
  if (placed < missing)
    issues.push({ field: `${field}.replicas`, message: `only ${placed} of ${missing} new replicas fit` });
}

/** The service's replicas become cloud instances in the region; its site becomes the region. */
function migrate(
  step: MigrateStep,
  view: TwinView,
  ops: Operation[],
  issues: InputIssue[],
  field: string,
): void {
  const region = view.entity(step.region);
  if (region?.kind !== 'cloud-region') {
    issues.push({ field: `${field}.region`, message: `'${step.region}' is not a cloud-region` });
    return;
  }
  const replicas = view.outgoing(step.service, 'runs-on');
  replicas.forEach((relation, index) => {
    const guest = view.entity(relation.to);
    const cores = step.cores ?? (typeof guest?.props.cpuCores === 'number' ? guest.props.cpuCores : 2);
    const id = `cloud-instance:${nameOf(step.service)}-${nameOf(step.region)}-${index + 1}`;
    ops.push({ op: 'remove-relation', id: relation.id });
    ops.push({
      op: 'upsert-entity',
      entity: {
        id,
        kind: 'cloud-instance',
        name: `${nameOf(step.service)}-${index + 1}`,
        labels: { site: nameOf(step.region), service: nameOf(step.service) },
        props: { instanceType: step.instanceType, cpuCores: cores },
      },
    });
    ops.push({ op: 'upsert-relation', relation: { type: 'contains', from: step.region, to: id } });
    ops.push({ op: 'upsert-relation', relation: { type: 'runs-on', from: step.service, to: id } });
  });
  ops.push({ op: 'patch-entity', id: step.service, labels: { site: nameOf(step.region) } });
}

function addHosts(step: AddHostsStep, like: Entity, view: TwinView, ops: Operation[]): void {
  const rack =
    step.rack ??
    view.incoming(like.id, 'contains').find((relation) => relation.from.startsWith('rack:'))?.from;
  const supplies = view.outgoing(like.id, 'powered-by').map((relation) => relation.to);
  for (let index = 1; index <= step.count; index++) {
    const id = `host:${nameOf(like.id)}-sim-${index}`;
    const { serial: _serial, ipAddresses: _ips, position: _position, ...props } = like.props;
    ops.push({
      op: 'upsert-entity',
      entity: { id, kind: 'host', name: `${like.name}-sim-${index}`, labels: { ...like.labels }, props },
    });
    if (rack) ops.push({ op: 'upsert-relation', relation: { type: 'contains', from: rack, to: id } });
    for (const supply of supplies)
      ops.push({ op: 'upsert-relation', relation: { type: 'powered-by', from: id, to: supply } });
  }
}
