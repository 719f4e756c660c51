import type { FastifyInstance } from 'fastify';
import {
  type Fault,
  FaultSchema,
  type FaultSpec,
  FaultSpecSchema,
  type FaultType,
  FaultTypeSchema,
  type IdParams,
  IdParamsSchema,
  type List,
  ListSchema,
} from '../contract/index.js';
import { NotFoundError, type Twin } from '../model/index.js';
import { principalOf } from './access-control.js';
import type { PlantControl } from './plant-control.js';
import { authProblems, noContent, withProblems } from './route-schema.js';

const tags = ['plant'];

/** Fault injection into the demo plant; registered only when the server runs one. */
export function registerPlantRoutes(app: FastifyInstance, twin: Twin, plant: PlantControl): void {
  app.get(
    '/api/plant/fault-types',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'The faults the plant can inject, with their parameters',
        response: withProblems({ 200: ListSchema(FaultTypeSchema) }, ...authProblems),
      },
    },
    async (): Promise<List<FaultType>> => ({ items: await plant.describeFaultTypes() }),
  );

  app.get(
    '/api/plant/faults',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Active faults',
        response: withProblems({ 200: ListSchema(FaultSchema) }, ...authProblems),
      },
    },
    async (): Promise<List<Fault>> => ({ items: await plant.listFaults() }),
  );

  app.post<{ Body: FaultSpec }>(
    '/api/plant/faults',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: 'Inject a fault (fan failure, disk fill, link congestion, memory leak, …)',
        body: FaultSpecSchema,
        response: withProblems({ 201: FaultSchema }, 400, ...authProblems, 404, 413, 415),
      },
    },
    async (request, reply): Promise<Fault> => {
      const fault = await plant.injectFault(request.body);
      await twin.store.appendAudit({
        ts: twin.now(),
        actor: principalOf(request).name,
        action: 'fault.inject',
        target: fault.id,
        detail: `${fault.type} on ${fault.target}`,
      });
      reply.code(201);
      return fault;
    },
  );

  app.delete<{ Params: IdParams }>(
    '/api/plant/faults/:id',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: 'Clear a fault',
        params: IdParamsSchema,
        response: withProblems({ 204: noContent }, ...authProblems, 404),
      },
    },
    async (request, reply) => {
      const cleared = await plant.clearFault(request.params.id);
      if (cleared === false) throw new NotFoundError(`no active fault '${request.params.id}'`);
      await twin.store.appendAudit({
        ts: twin.now(),
        actor: principalOf(request).name,
        action: 'fault.clear',
        target: request.params.id,
      });
      return reply.code(204).send();
    },
  );
}
