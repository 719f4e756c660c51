import { LineCounter } from 'yaml';
import { InputError } from '../model/index.js';
import { findJsonSyntaxError, locateInJson } from './json-source.js';
import { countLines, type FieldPath, positionAt, type SourcePosition } from './source-position.js';
import { locateInYaml, readYaml } from './yaml-source.js';

/** A small YAML or JSON document (a scenario, a case file) with a way back to its lines. */
export interface StructuredText {
  readonly value: unknown;
  /** Where a field sits in the text; its deepest existing ancestor for a missing one. */
  locate(path: FieldPath): SourcePosition;
}

/**
 * Reads YAML 1.2 or JSON (text starting with `{` or `[` that parses as JSON), refusing a
 * syntax error with its line and column, and keeps positions so a validator can point at the
 * line of each problem. For estate files, which can be large, see parseEstateFile.
 */
export function readStructuredText(text: string, file: string): StructuredText {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^\s*[{[]/.test(source)) {
    try {
      const value = JSON.parse(source) as unknown;
      const lines = countLines(source);
      return { value, locate: (path) => locateInJson(source, [{ path }], lines)[0] as SourcePosition };
    } catch (error) {
      // Flow-style YAML also starts with a brace: fall through unless it is a JSON file.
      if (/\.json$/i.test(file)) {
        const found = findJsonSyntaxError(source);
        const where = positionAt(countLines(source), found?.offset ?? 0);
        throw new InputError(`${file}: not valid JSON`, [
          { file, ...where, message: found?.message ?? (error as Error).message },
        ]);
      }
    }
  }
  const lines = new LineCounter();
  const yaml = readYaml(source, lines);
  if (!yaml.ok) {
    throw new InputError(
      `${file}: not valid YAML`,
      yaml.problems.map((problem) => ({
        file,
        ...positionAt(lines, problem.offset),
        message: problem.message,
      })),
    );
  }
  const { document } = yaml;
  return {
    value: yaml.value,
    locate: (path) => locateInYaml(document, [{ path }], lines)[0] as SourcePosition,
  };
}
