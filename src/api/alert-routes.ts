import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type Alert,
  type AlertListQuery,
  AlertListQuerySchema,
  type AlertPage,
  AlertPageSchema,
  AlertSchema,
  type IdParams,
  IdParamsSchema,
  KindAccuracySchema,
  ListSchema,
} from '../contract/index.js';
import { type AlertBook, type AlertStatus, InputError } from '../model/index.js';
import type { PredictionLoop } from '../predict/index.js';
import { principalOf } from './access-control.js';
import { prometheusExposition } from './prediction-metrics.js';
import { authProblems, withProblems } from './route-schema.js';

export interface PredictionDeps {
  alerts: AlertBook;
  /** The loop over the live twin; without it, alerts can be read and handled but nothing evaluates. */
  loop?: PredictionLoop;
  /** Epoch ms; the twin's clock. */
  clock?: () => number;
}

const tags = ['alerts'];
const statuses: readonly AlertStatus[] = ['open', 'acknowledged', 'resolved'];

/** Alerts and predictions: list, read, acknowledge, resolve; accuracy; Prometheus metrics. */
export function registerAlertRoutes(app: FastifyInstance, deps: PredictionDeps): void {
  const { alerts, loop } = deps;
  app.get<{ Querystring: AlertListQuery }>(
    '/api/alerts',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Alerts and predictions, newest first, filtered, one page at a time',
        querystring: AlertListQuerySchema,
        response: withProblems({ 200: AlertPageSchema }, 400, ...authProblems),
      },
    },
    async (request): Promise<AlertPage> => {
      const { status, kind, source, entity, severity, limit, offset } = request.query;
      const page = alerts.page(
        {
          ...(status ? { status: parseStatuses(status) } : {}),
          ...(kind ? { kind } : {}),
          ...(source ? { source } : {}),
          ...(entity ? { entityId: entity } : {}),
          ...(severity ? { severity } : {}),
        },
        offset,
        limit,
      );
      return { ...page, offset, limit };
    },
  );

  app.get<{ Params: IdParams }>(
    '/api/alerts/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'One alert',
        params: IdParamsSchema,
        response: withProblems({ 200: AlertSchema }, ...authProblems, 404),
      },
    },
    async (request): Promise<Alert> => alerts.get(request.params.id),
  );

  for (const action of ['acknowledge', 'resolve'] as const) {
    app.post<{ Params: IdParams }>(
      `/api/alerts/:id/${action}`,
      {
        config: { access: 'operator' },
        schema: {
          tags,
          summary:
            action === 'acknowledge'
              ? 'Acknowledge an alert: someone is on it'
              : 'Resolve an alert by hand (a condition still present opens a new alert at the next evaluation)',
          params: IdParamsSchema,
          response: withProblems({ 200: AlertSchema }, ...authProblems, 404, 409),
        },
      },
      async (request): Promise<Alert> => {
        const actor = principalOf(request).name;
        return action === 'acknowledge'
          ? alerts.acknowledge(request.params.id, actor)
          : alerts.resolve(request.params.id, actor);
      },
    );
  }

  app.get(
    '/api/predictions/accuracy',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'How far to trust the predictions: per kind, how many came true and how far off in time',
        response: withProblems({ 200: ListSchema(KindAccuracySchema) }, ...authProblems),
      },
    },
    async () => ({ items: alerts.accuracy() }),
  );

  app.post(
    '/api/predictions/evaluate',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: 'Evaluate the risk rules, anomalies and lint now instead of at the next tick',
        response: withProblems(
          { 200: Type.Object({ opened: Type.Integer(), updated: Type.Integer(), resolved: Type.Integer() }) },
          ...authProblems,
          409,
        ),
      },
    },
    async () => {
      if (!loop) throw new InputError('this server runs no prediction loop');
      const changes = await loop.evaluate();
      const count = (action: string) => changes.filter((change) => change.action === action).length;
      return { opened: count('opened'), updated: count('updated'), resolved: count('resolved') };
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Open alerts, predictions and their accuracy in the Prometheus text format, for Grafana',
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      reply.type('text/plain; version=0.0.4; charset=utf-8');
      return prometheusExposition(alerts, loop?.stats(), (deps.clock ?? Date.now)());
    },
  );
}

function parseStatuses(text: string): AlertStatus[] {
  const list = text.split(',').map((part) => part.trim());
  for (const [index, status] of list.entries()) {
    if (!statuses.includes(status as AlertStatus)) {
      throw new InputError(`status '${status}' is not one of ${statuses.join(', ')}`, [
        { field: `status[${index}]`, message: `not one of ${statuses.join(', ')}` },
      ]);
    }
  }
  return list as AlertStatus[];
}
