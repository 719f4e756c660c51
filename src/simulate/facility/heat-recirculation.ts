import { InputError, type InputIssue } from '../../model/index.js';

/**
 * The linear heat-recirculation model (Tang, Gupta, Varsamopoulos 2008): each rack's inlet is the
 * supply temperature plus the share of every rack's heat that comes back to it,
 * T_in = T_sup + D·P, with D[i][j] in K/kW (rack j's power raising rack i's inlet). D is fitted
 * from CFD or measurements once per room layout; it holds while airflows stay as fitted.
 */
export interface RecirculationModel {
  supplyC: number;
  /** Square matrix, K per kW. */
  kelvinPerKilowatt: readonly (readonly number[])[];
}

export function inletTemperatures(model: RecirculationModel, powersKw: readonly number[]): number[] {
  checkModel(model, powersKw);
  return model.kelvinPerKilowatt.map(
    (row) => model.supplyC + row.reduce((sum, coefficient, j) => sum + coefficient * powersKw[j]!, 0),
  );
}

/**
 * How many kW rack `rack` can add before some inlet reaches `limitC`, the others unchanged:
 * min over racks i with D[i][rack] > 0 of (limit − T_in,i) / D[i][rack]. Negative when a limit is
 * already exceeded; Infinity when the rack's heat reaches no inlet.
 */
export function powerHeadroomKw(
  model: RecirculationModel,
  powersKw: readonly number[],
  rack: number,
  limitC: number,
): number {
  const inlets = inletTemperatures(model, powersKw);
  if (!Number.isInteger(rack) || rack < 0 || rack >= inlets.length) {
    throw new InputError('invalid rack', [
      { field: 'rack', message: `must be an index below ${inlets.length}` },
    ]);
  }
  let headroom = Number.POSITIVE_INFINITY;
  inlets.forEach((inlet, i) => {
    const coefficient = model.kelvinPerKilowatt[i]![rack]!;
    if (coefficient > 0) headroom = Math.min(headroom, (limitC - inlet) / coefficient);
  });
  return headroom;
}

function checkModel(model: RecirculationModel, powersKw: readonly number[]): void {
  const size = powersKw.length;
  const issues: InputIssue[] = [];
  if (!Number.isFinite(model.supplyC)) issues.push({ field: 'supplyC', message: 'must be finite' });
  if (model.kelvinPerKilowatt.length !== size) {
    issues.push({ field: 'kelvinPerKilowatt', message: `needs ${size} rows, one per rack` });
  }
  model.kelvinPerKilowatt.forEach((row, i) => {
    if (row.length !== size)
      issues.push({ field: `kelvinPerKilowatt[${i}]`, message: `needs ${size} columns` });
    row.forEach((value, j) => {
      if (!(value >= 0) || !Number.isFinite(value)) {
        issues.push({ field: `kelvinPerKilowatt[${i}][${j}]`, message: 'must be a finite number ≥ 0' });
      }
    });
  });
  powersKw.forEach((value, j) => {
    if (!Number.isFinite(value)) issues.push({ field: `powersKw[${j}]`, message: 'must be finite' });
  });
  if (issues.length > 0) throw new InputError('invalid recirculation model', issues);
}
