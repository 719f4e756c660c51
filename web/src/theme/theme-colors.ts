import { useEffect, useState } from 'react';
import type { Health } from '../contract';

/** The theme's colours for what is drawn on a canvas (graph, charts), where CSS cannot reach. */
export interface ThemeColors {
  text: string;
  muted: string;
  surface: string;
  border: string;
  selection: string;
  compoundFill: string;
  compoundBorder: string;
  chartLine: string;
  chartGrid: string;
  /** Fills that tell health apart (graph nodes, tiles). */
  health: Readonly<Record<Health, string>>;
}

function variable(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(name).trim();
}

/** Reads theme/theme.css as it applies now (light or dark). */
export function readThemeColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  return {
    text: variable(style, '--text'),
    muted: variable(style, '--muted'),
    surface: variable(style, '--surface'),
    border: variable(style, '--border'),
    selection: variable(style, '--selection'),
    compoundFill: variable(style, '--compound-fill'),
    compoundBorder: variable(style, '--compound-border'),
    chartLine: variable(style, '--chart-line'),
    chartGrid: variable(style, '--chart-grid'),
    health: {
      ok: variable(style, '--fill-ok'),
      warning: variable(style, '--fill-warning'),
      critical: variable(style, '--fill-critical'),
      unknown: variable(style, '--fill-unknown'),
    },
  };
}

const darkScheme = '(prefers-color-scheme: dark)';

/** The theme's colours, read again when the system switches between light and dark. */
export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState(readThemeColors);
  useEffect(() => {
    const query = window.matchMedia(darkScheme);
    const reread = () => setColors(readThemeColors());
    query.addEventListener('change', reread);
    return () => query.removeEventListener('change', reread);
  }, []);
  return colors;
}
