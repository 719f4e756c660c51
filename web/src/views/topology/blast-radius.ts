import type { ImpactedEntity, ImpactReport } from '../../contract';

/** A blast radius as the current layer shows it. */
export interface LayerBlastRadius {
  source: string;
  /** Every affected entity the API names. */
  total: number;
  failed: number;
  degraded: number;
  /** The affected entities drawn in the layer (as nodes or as edges), failed first, then by name. */
  drawn: ImpactedEntity[];
}

const names = new Intl.Collator('en', { numeric: true });

/** The part of an impact report a layer can show: what of it is drawn, in reading order. */
export function layerBlastRadius(
  source: string,
  report: ImpactReport,
  isDrawn: (id: string) => boolean,
): LayerBlastRadius {
  const affected = report.affected.filter((entity) => entity.id !== source);
  const drawn = affected
    .filter((entity) => isDrawn(entity.id))
    .sort(
      (a, b) =>
        Number(a.effect !== 'failed') - Number(b.effect !== 'failed') ||
        names.compare(a.name, b.name) ||
        names.compare(a.id, b.id),
    );
  return {
    source,
    total: affected.length,
    failed: affected.filter((entity) => entity.effect === 'failed').length,
    degraded: affected.filter((entity) => entity.effect === 'degraded').length,
    drawn,
  };
}
