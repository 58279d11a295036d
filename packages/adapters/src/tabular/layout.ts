/**
 * The feature layout of a fitted state: where each column's features sit in an encoded row, their
 * names and groups, and the per-column constants the encoder needs (compiled once per adapter).
 */
import type { ColumnState, FeatureGroup } from './types.js';

/** Per-column encoding plan, compiled from a `ColumnState`. */
export type ColumnPlan =
  | {
      kind: 'numeric';
      name: string;
      offset: number;
      center: number;
      scale: number;
      /** Encoded value of a missing entry: `(fill - center) / scale`. */
      filled: number;
      indicator: boolean;
    }
  | { kind: 'boolean'; name: string; offset: number; indicator: boolean }
  | {
      kind: 'categorical';
      name: string;
      offset: number;
      categories: readonly string[];
      /** Category -> feature index within the column's block. */
      index: ReadonlyMap<string, number>;
    };

export interface Layout {
  width: number;
  columns: readonly string[];
  featureNames: readonly string[];
  groups: readonly FeatureGroup[];
  plans: readonly ColumnPlan[];
}

/** Number of encoded features a column takes. */
export function columnWidth(column: ColumnState): number {
  switch (column.kind) {
    case 'numeric':
    case 'boolean':
      return column.indicator ? 2 : 1;
    case 'categorical':
      return column.categories.length;
  }
}

/** Feature names of one column: `amount`, `amount#missing`, `country=FR`, `is_foreign`. */
function columnFeatureNames(column: ColumnState): string[] {
  switch (column.kind) {
    case 'numeric':
    case 'boolean':
      return column.indicator ? [column.name, `${column.name}#missing`] : [column.name];
    case 'categorical':
      return column.categories.map((c) => `${column.name}=${c}`);
  }
}

/** Compile one column's plan at feature offset `offset`. */
function planColumn(column: ColumnState, offset: number): ColumnPlan {
  switch (column.kind) {
    case 'numeric':
      return {
        kind: 'numeric',
        name: column.name,
        offset,
        center: column.center,
        scale: column.scale,
        filled: (column.fill - column.center) / column.scale,
        indicator: column.indicator,
      };
    case 'boolean':
      return { kind: 'boolean', name: column.name, offset, indicator: column.indicator };
    case 'categorical':
      return {
        kind: 'categorical',
        name: column.name,
        offset,
        categories: column.categories.slice(),
        index: new Map(column.categories.map((c, i) => [c, i])),
      };
  }
}

/** Compile the layout of a (validated) list of column states. */
export function compileLayout(columns: readonly ColumnState[]): Layout {
  const featureNames: string[] = [];
  const groups: FeatureGroup[] = [];
  const plans: ColumnPlan[] = [];
  let offset = 0;
  for (const column of columns) {
    const width = columnWidth(column);
    plans.push(planColumn(column, offset));
    featureNames.push(...columnFeatureNames(column));
    groups.push(Object.freeze({ column: column.name, start: offset, end: offset + width }));
    offset += width;
  }
  return {
    width: offset,
    columns: Object.freeze(columns.map((c) => c.name)),
    featureNames: Object.freeze(featureNames),
    groups: Object.freeze(groups),
    plans,
  };
}
