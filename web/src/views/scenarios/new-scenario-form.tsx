import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error';
import type { InputIssue, ScenarioResult } from '../../contract';
import { useAsync } from '../../hooks/use-async';
import { useSession } from '../../session/session-context';
import { EntityPicker } from './entity-picker';
import {
  buildSpec,
  emptyForms,
  type FormProblem,
  formFieldOfIssue,
  parseSpecText,
  specText,
  type TemplateForms,
  type TemplateKind,
} from './scenario-templates';

const templates: ReadonlyArray<{ kind: TemplateKind; label: string }> = [
  { kind: 'traffic', label: 'Traffic +X %' },
  { kind: 'fail', label: 'Fail X' },
  { kind: 'migrate', label: 'Migrate Y to a cloud region' },
];

interface RunFailure {
  message: string;
  issues: InputIssue[];
}

/**
 * The "new scenario" form: a template's few fields build the scenario spec, which is shown and
 * can be edited as JSON; Run posts it and, once the server answers, opens the result.
 */
export function NewScenarioForm({ onRan }: { onRan(result: ScenarioResult): void }) {
  const { api } = useSession();
  const [kind, setKind] = useState<TemplateKind>('traffic');
  const [forms, setForms] = useState<TemplateForms>(emptyForms);
  const [edited, setEdited] = useState<string | undefined>();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<RunFailure | undefined>();
  const estate = useAsync(
    async (signal) => {
      const [services, regions] = await Promise.all([
        api.allEntities({ kind: 'service' }, signal),
        api.allEntities({ kind: 'cloud-region' }, signal),
      ]);
      return { services, regions };
    },
    [api],
  );
  const built = useMemo(() => buildSpec(kind, forms), [kind, forms]);
  const shownText = edited ?? (built.ok ? specText(built.spec) : '');
  const ids = useId();
  // The server runs a scenario to its end whatever happens here: if the user has left the form
  // by then, the answer opens nothing (the run is in the list).
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // A failure belongs to what was run: changing the scenario clears it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared whenever the spec changes
  useEffect(() => setFailure(undefined), [kind, forms, edited]);

  const formProblems: FormProblem[] = built.ok ? [] : built.problems;
  const apiFieldProblems: FormProblem[] =
    edited === undefined
      ? (failure?.issues ?? []).flatMap((issue) => {
          const field = formFieldOfIssue(kind, issue.field);
          return field === undefined ? [] : [{ field, message: issue.message }];
        })
      : [];
  const problemOf = (field: string) =>
    [...apiFieldProblems, ...formProblems].find((problem) => problem.field === field)?.message;
  const fieldProps = (field: string) => {
    const problem = problemOf(field);
    return {
      invalid: problem !== undefined,
      describedBy: problem === undefined ? undefined : `${ids}-${field}-problem`,
      problem:
        problem === undefined ? null : (
          <span id={`${ids}-${field}-problem`} className="field-problem">
            {problem}
          </span>
        ),
    };
  };

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    const parsed = parseSpecText(shownText);
    if (!parsed.ok) {
      setFailure({ message: parsed.message, issues: [] });
      return;
    }
    setRunning(true);
    setFailure(undefined);
    try {
      const result = await api.runScenario(parsed.spec);
      if (mounted.current) onRan(result);
    } catch (error) {
      if (!mounted.current) return;
      setRunning(false);
      if (error instanceof ApiError)
        setFailure({ message: error.message, issues: error.problem?.issues ?? [] });
      else setFailure({ message: error instanceof Error ? error.message : String(error), issues: [] });
    }
  };

  const update = <K extends TemplateKind>(template: K, patch: Partial<TemplateForms[K]>) =>
    setForms((current) => ({ ...current, [template]: { ...current[template], ...patch } }));
  const services = estate.data?.services ?? [];
  const regions = estate.data?.regions ?? [];
  const noRegion = kind === 'migrate' && estate.data !== undefined && regions.length === 0;
  const canRun = !running && !noRegion && (edited !== undefined || built.ok) && shownText.trim() !== '';

  let fields: ReactNode;
  if (kind === 'traffic') {
    const percent = fieldProps('percent');
    const service = fieldProps('service');
    fields = (
      <>
        <Field label="More traffic (%)" htmlFor={`${ids}-percent`} problem={percent.problem}>
          <input
            id={`${ids}-percent`}
            type="number"
            step="any"
            min={-100}
            value={forms.traffic.percent}
            onChange={(event) => update('traffic', { percent: event.target.value })}
            aria-invalid={percent.invalid}
            aria-describedby={percent.describedBy}
          />
        </Field>
        <Field label="Where" htmlFor={`${ids}-service`} problem={service.problem}>
          <select
            id={`${ids}-service`}
            value={forms.traffic.service}
            onChange={(event) => update('traffic', { service: event.target.value })}
            aria-invalid={service.invalid}
            aria-describedby={service.describedBy}
          >
            <option value="">every entry point (global)</option>
            {services.map((entity) => (
              <option key={entity.id} value={entity.id}>
                {entity.id}
                {entity.props.entryPoint === true ? ' (entry point)' : ''}
              </option>
            ))}
          </select>
        </Field>
      </>
    );
  } else if (kind === 'fail') {
    const entity = fieldProps('entity');
    const at = fieldProps('atMinutes');
    fields = (
      <>
        <div className="field wide">
          <EntityPicker
            label="What fails"
            value={forms.fail.entity}
            onChange={(id) => update('fail', { entity: id })}
            invalid={entity.invalid}
            describedBy={entity.describedBy}
          />
          {entity.problem}
        </div>
        <Field label="After (minutes)" htmlFor={`${ids}-at`} problem={at.problem}>
          <input
            id={`${ids}-at`}
            type="number"
            min={0}
            step="any"
            placeholder="0"
            value={forms.fail.atMinutes}
            onChange={(event) => update('fail', { atMinutes: event.target.value })}
            aria-invalid={at.invalid}
            aria-describedby={at.describedBy}
          />
        </Field>
      </>
    );
  } else {
    const service = fieldProps('service');
    const region = fieldProps('region');
    const instanceType = fieldProps('instanceType');
    const cores = fieldProps('cores');
    fields = (
      <>
        <Field label="Service" htmlFor={`${ids}-migrate-service`} problem={service.problem}>
          <select
            id={`${ids}-migrate-service`}
            value={forms.migrate.service}
            onChange={(event) => update('migrate', { service: event.target.value })}
            aria-invalid={service.invalid}
            aria-describedby={service.describedBy}
          >
            <option value="">choose a service…</option>
            {services.map((entity) => (
              <option key={entity.id} value={entity.id}>
                {entity.id}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Cloud region" htmlFor={`${ids}-region`} problem={region.problem}>
          <select
            id={`${ids}-region`}
            value={forms.migrate.region}
            onChange={(event) => update('migrate', { region: event.target.value })}
            aria-invalid={region.invalid}
            aria-describedby={region.describedBy}
            disabled={regions.length === 0}
          >
            <option value="">
              {regions.length === 0 ? 'no cloud region in the twin' : 'choose a region…'}
            </option>
            {regions.map((entity) => (
              <option key={entity.id} value={entity.id}>
                {entity.id}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Instance type" htmlFor={`${ids}-instance`} problem={instanceType.problem}>
          <input
            id={`${ids}-instance`}
            type="text"
            value={forms.migrate.instanceType}
            onChange={(event) => update('migrate', { instanceType: event.target.value })}
            aria-invalid={instanceType.invalid}
            aria-describedby={instanceType.describedBy}
          />
        </Field>
        <Field label="Cores per instance" htmlFor={`${ids}-cores`} problem={cores.problem}>
          <input
            id={`${ids}-cores`}
            type="number"
            min={1}
            step={1}
            placeholder="as now"
            value={forms.migrate.cores}
            onChange={(event) => update('migrate', { cores: event.target.value })}
            aria-invalid={cores.invalid}
            aria-describedby={cores.describedBy}
          />
        </Field>
        {noRegion ? (
          <p className="notice wide">
            The twin has no cloud region, so there is nowhere to migrate to. Declare a{' '}
            <code>cloud-region</code> entity (docs/model.md) to use this template.
          </p>
        ) : null}
      </>
    );
  }

  return (
    <form className="new-scenario" onSubmit={run} aria-busy={running}>
      <fieldset className="template-picker">
        <legend>Template</legend>
        {templates.map((template) => (
          <label key={template.kind}>
            <input
              type="radio"
              name="scenario-template"
              value={template.kind}
              checked={kind === template.kind}
              onChange={() => {
                setKind(template.kind);
                setEdited(undefined);
              }}
            />
            {template.label}
          </label>
        ))}
      </fieldset>
      <div className="template-fields">{fields}</div>
      <div className="spec-editor">
        <div className="spec-editor-header">
          <label htmlFor={`${ids}-spec`}>Scenario spec (JSON)</label>
          <span className="muted">
            {edited !== undefined ? 'edited by hand' : 'built by the form; edit freely'}
          </span>
          {edited !== undefined ? (
            <button type="button" onClick={() => setEdited(undefined)}>
              Use the form again
            </button>
          ) : null}
        </div>
        <textarea
          id={`${ids}-spec`}
          className="mono"
          rows={9}
          spellCheck={false}
          value={shownText}
          placeholder="Fill in the form, or write a scenario (docs/simulate.md)"
          onChange={(event) => setEdited(event.target.value)}
        />
      </div>
      <div className="run-row">
        <button type="submit" className="primary" disabled={!canRun}>
          {running ? 'Running…' : 'Run scenario'}
        </button>
        <span role="status" className="muted">
          {running ? <RunningFor /> : built.ok || edited !== undefined ? '' : 'Fill in the form to run.'}
        </span>
      </div>
      {failure ? (
        <div className="error run-failure" role="alert">
          <p>The scenario did not run: {failure.message}</p>
          {failure.issues.length > 0 ? (
            <ul>
              {failure.issues.map((issue) => (
                <li key={`${issue.field ?? ''} ${issue.message}`}>
                  {issue.field ? <code>{issue.field}</code> : null}
                  {issue.line ? ` (line ${issue.line})` : ''}
                  {issue.field || issue.line ? ': ' : ''}
                  {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function Field({
  label,
  htmlFor,
  problem,
  children,
}: {
  label: string;
  htmlFor: string;
  problem: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {problem}
    </div>
  );
}

/** "Running on a fork… 3 s": the server answers when the whole scenario has run. */
function RunningFor() {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSeconds((value) => value + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  return <>Running the scenario on a fork of the twin… {seconds} s</>;
}
