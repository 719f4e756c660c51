/**
 * The "new scenario" templates: a small form each, turned into a scenario spec in the format of
 * docs/simulate.md. Pure, so the spec a form builds is tested without a browser.
 */

export type TemplateKind = 'traffic' | 'fail' | 'migrate';

export interface TrafficForm {
  /** Percent more traffic ("50" → ×1.5); negative for less. */
  percent: string;
  /** An entry point's id, or '' for every entry point. */
  service: string;
}

export interface FailForm {
  entity: string;
  /** Minutes after the start, '' for at once. */
  atMinutes: string;
}

export interface MigrateForm {
  service: string;
  region: string;
  instanceType: string;
  /** Cores per instance, '' for the replicas' own. */
  cores: string;
}

export interface TemplateForms {
  traffic: TrafficForm;
  fail: FailForm;
  migrate: MigrateForm;
}

export const emptyForms: TemplateForms = {
  traffic: { percent: '50', service: '' },
  fail: { entity: '', atMinutes: '' },
  migrate: { service: '', region: '', instanceType: 'm6i.xlarge', cores: '' },
};

/** A step of the scenario format, as much of it as the templates write. */
export type TemplateStep =
  | { traffic: { multiplier: number; service?: string } }
  | { fail: { entity: string; at?: string } }
  | { migrate: { service: string; region: string; instanceType: string; cores?: number } };

export interface TemplateSpec {
  name: string;
  description: string;
  steps: TemplateStep[];
}

/** A problem with a form's field, by the field's name in its form. */
export interface FormProblem {
  field: string;
  message: string;
}

export type BuiltSpec = { ok: true; spec: TemplateSpec } | { ok: false; problems: FormProblem[] };

/** The API's traffic multiplier runs from 0 to 1000 (parse-scenario). */
const maxPercent = 99_900;

/** "+50 %", "−20 %", "+0 %". */
export function signedPercent(percent: number): string {
  const rounded = Number(percent.toFixed(2));
  return `${rounded < 0 ? '−' : '+'}${Math.abs(rounded)} %`;
}

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

export function buildTrafficSpec(form: TrafficForm): BuiltSpec {
  const percent = parseNumber(form.percent);
  if (percent === undefined) return { ok: false, problems: [{ field: 'percent', message: 'give a number' }] };
  if (percent < -100 || percent > maxPercent)
    return { ok: false, problems: [{ field: 'percent', message: `between −100 and ${maxPercent}` }] };
  const multiplier = Number((1 + percent / 100).toFixed(6));
  const service = form.service.trim();
  const where = service === '' ? 'every entry point' : service;
  return {
    ok: true,
    spec: {
      name: `traffic ${signedPercent(percent)}${service === '' ? '' : ` on ${service}`}`,
      description: `${where}: ×${multiplier} traffic`,
      steps: [{ traffic: { multiplier, ...(service === '' ? {} : { service }) } }],
    },
  };
}

export function buildFailSpec(form: FailForm): BuiltSpec {
  const problems: FormProblem[] = [];
  const entity = form.entity.trim();
  if (entity === '') problems.push({ field: 'entity', message: 'pick what fails' });
  const at = parseNumber(form.atMinutes);
  if (form.atMinutes.trim() !== '' && (at === undefined || at < 0))
    problems.push({ field: 'atMinutes', message: 'minutes from the start, 0 or more' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    spec: {
      name: `fail ${entity}`,
      description: `${entity} fails${at ? ` after ${at} min` : ''}; its dependants fail over`,
      steps: [{ fail: { entity, ...(at ? { at: `${at}m` } : {}) } }],
    },
  };
}

export function buildMigrateSpec(form: MigrateForm): BuiltSpec {
  const problems: FormProblem[] = [];
  const service = form.service.trim();
  const region = form.region.trim();
  const instanceType = form.instanceType.trim();
  if (service === '') problems.push({ field: 'service', message: 'pick the service to move' });
  if (region === '') problems.push({ field: 'region', message: 'pick a cloud region' });
  if (instanceType === '') problems.push({ field: 'instanceType', message: 'name an instance type' });
  const cores = parseNumber(form.cores);
  if (
    form.cores.trim() !== '' &&
    (cores === undefined || !Number.isInteger(cores) || cores < 1 || cores > 1024)
  )
    problems.push({ field: 'cores', message: 'a whole number from 1 to 1024' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    spec: {
      name: `migrate ${service} to ${region}`,
      description: `${service} moves to ${region} on ${instanceType}`,
      steps: [{ migrate: { service, region, instanceType, ...(cores !== undefined ? { cores } : {}) } }],
    },
  };
}

export function buildSpec(kind: TemplateKind, forms: TemplateForms): BuiltSpec {
  switch (kind) {
    case 'traffic':
      return buildTrafficSpec(forms.traffic);
    case 'fail':
      return buildFailSpec(forms.fail);
    case 'migrate':
      return buildMigrateSpec(forms.migrate);
  }
}

/** The spec as the JSON editor shows it. */
export function specText(spec: TemplateSpec): string {
  return JSON.stringify(spec, null, 2);
}

export type ParsedSpec = { ok: true; spec: Record<string, unknown> } | { ok: false; message: string };

/** The editor's text as a spec object: JSON, an object, with a name. The server checks the rest. */
export function parseSpecText(text: string): ParsedSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: 'a scenario is a JSON object ({ "name": …, "steps": […] })' };
  if (typeof (value as { name?: unknown }).name !== 'string')
    return { ok: false, message: 'a scenario needs a "name" (a string)' };
  return { ok: true, spec: value as Record<string, unknown> };
}

/** Which form field an API issue's field path (`steps[0].traffic.multiplier`) is about, if any. */
export function formFieldOfIssue(kind: TemplateKind, field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  const match = /^(?:body\.)?steps\[0\]\.(\w+)\.(\w+)/.exec(field);
  if (match === null) return undefined;
  const [, step, key] = match;
  if (step !== kind) return undefined;
  const fields: Record<TemplateKind, Record<string, string>> = {
    traffic: { multiplier: 'percent', service: 'service' },
    fail: { entity: 'entity', at: 'atMinutes' },
    migrate: { service: 'service', region: 'region', instanceType: 'instanceType', cores: 'cores' },
  };
  return key === undefined ? undefined : fields[kind][key];
}
