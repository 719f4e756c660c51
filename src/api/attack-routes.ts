import type { FastifyInstance } from 'fastify';
import {
  type AssetExplanationResult,
  AssetExplanationSchema,
  type AttackAnalysisRequest,
  AttackAnalysisRequestSchema,
  type AttackAnalysisResult,
  AttackAnalysisSchema,
  type DefenseEvaluationResult,
  DefenseEvaluationSchema,
  type DefenseRequest,
  DefenseRequestSchema,
  type ExplanationRequest,
  ExplanationRequestSchema,
} from '../contract/index.js';
import { InputError, parseLabelSelector, type Twin } from '../model/index.js';
import {
  type AttackAnalysisOptions,
  analyseAttack,
  DefenseError,
  evaluateDefenses,
  explainAsset,
} from '../security/index.js';
import { principalOf } from './access-control.js';
import { authProblems, withProblems } from './route-schema.js';

const tags = ['attack'];

/**
 * Attack paths over the twin (docs/attack.md): analyse the live twin or a fork, and evaluate
 * defenses on a new fork. Analyses run one at a time: each can take seconds on a large estate.
 */
export function registerAttackRoutes(app: FastifyInstance, twin: Twin): void {
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next;
    return next;
  };

  app.post<{ Body: AttackAnalysisRequest }>(
    '/api/attack/analyses',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary:
          'Attack paths to the crown jewels, their odds, management planes at risk and the cheapest cut',
        description:
          'Computes the attack graph of the live twin (or `fork`) and answers: every crown jewel an attacker reaches, ' +
          'the most likely and the shortest path with each step’s evidence, Monte Carlo odds with confidence ' +
          'intervals, facility devices the attacker can take over with their blast radius, and the minimal hardening ' +
          'set. Read-only: nothing in the twin changes.',
        body: AttackAnalysisRequestSchema,
        response: withProblems({ 200: AttackAnalysisSchema }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<AttackAnalysisResult> => {
      const options = analysisOptions(request.body);
      const view = twin.view(request.body.fork === undefined ? {} : { fork: request.body.fork });
      // The engine's types are deeply readonly; the wire schema's are the same shapes, mutable.
      return (await serially(() => analyseAttack(view, options))) as AttackAnalysisResult;
    },
  );

  app.post<{ Body: DefenseRequest }>(
    '/api/attack/defenses',
    {
      config: { access: 'operator' },
      schema: {
        tags,
        summary: 'Apply defenses on a new fork and compare its attack paths with the base',
        description:
          'Forks the live twin (or `fork`), applies the defenses (patch, block or add a rule, isolate a segment, ' +
          'rotate a credential, remove a trust, take a service off the internet) as one change set on the fork, and ' +
          'returns both analyses and what changed. The live twin is never touched.',
        body: DefenseRequestSchema,
        response: withProblems({ 201: DefenseEvaluationSchema }, 400, ...authProblems, 404),
      },
    },
    async (request, reply): Promise<DefenseEvaluationResult> => {
      const options = analysisOptions(request.body);
      const evaluation = await serially(() =>
        evaluateDefenses(twin, request.body.defenses, {
          ...options,
          actor: principalOf(request).name,
          ...(request.body.fork === undefined ? {} : { baseFork: request.body.fork }),
          keepFork: request.body.keepFork !== false,
        }).catch((error: unknown) => {
          if (error instanceof DefenseError)
            throw new InputError('a defense does not fit the twin', [
              { field: `defenses[${error.index}]`, message: error.message.replace(/^defenses\[\d+\]: /, '') },
            ]);
          throw error;
        }),
      );
      reply.code(201);
      return evaluation as DefenseEvaluationResult;
    },
  );

  app.post<{ Body: ExplanationRequest }>(
    '/api/attack/explanations',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Why an attacker gets a privilege on an asset: its most likely derivation, rule by rule',
        description:
          'Each derived fact names the rule (number, name and form, docs/attack.md) and the facts it rests on, down ' +
          'to the twin relations (a vulnerability, an allows rule, a stored credential). `holds: false` when no ' +
          'attacker can get it.',
        body: ExplanationRequestSchema,
        response: withProblems({ 200: AssetExplanationSchema }, 400, ...authProblems, 404),
      },
    },
    async (request): Promise<AssetExplanationResult> => {
      const { asset, privilege, fork, footholds } = request.body;
      const view = twin.view(fork === undefined ? {} : { fork });
      return explainAsset(
        view,
        asset,
        privilege ?? 'user',
        footholds ? { footholds: parseLabelSelector(footholds) } : {},
      ) as AssetExplanationResult;
    },
  );
}

function analysisOptions(body: AttackAnalysisRequest): AttackAnalysisOptions {
  return {
    ...(body.jewels === undefined ? {} : { jewels: parseLabelSelector(body.jewels) }),
    ...(body.footholds === undefined ? {} : { footholds: parseLabelSelector(body.footholds) }),
    ...(body.maxPaths === undefined ? {} : { maxPaths: body.maxPaths }),
    ...(body.rankBy === undefined ? {} : { rankBy: body.rankBy }),
    ...(body.trials === undefined ? {} : { trials: body.trials }),
    ...(body.seed === undefined ? {} : { seed: body.seed }),
    ...(body.maxSteps === undefined ? {} : { maxSteps: body.maxSteps }),
    ...(body.hardening === undefined ? {} : { hardening: body.hardening }),
    ...(body.keepFixes === undefined ? {} : { keepFixes: body.keepFixes }),
  };
}
