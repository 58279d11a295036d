/**
 * NAB's corpus-level threshold optimisation: one threshold for every series, the one that maximises
 * the summed raw score. Every distinct anomaly score is a candidate (detection = score >= threshold),
 * plus "above every score" (the null detector). One sweep from the highest score down keeps, per
 * window, the reward of its earliest detection so far, so the whole search is O(P log P) for P rows.
 */
import { normalise, pointValues, scoreDetections, STANDARD_PROFILE, type PointValues, type Profile } from './scoring.js';

/** One series to score: its anomaly scores, labels and probationary length, and a group name. */
export interface ScoredSeries {
  name: string;
  category: string;
  scores: ArrayLike<number>;
  labels: ArrayLike<number>;
  probation: number;
}

export interface ThresholdChoice {
  threshold: number;
  /** Summed raw score at the threshold. */
  score: number;
  nullScore: number;
  perfectScore: number;
  /** 100 · (S − S_null) / (S_perfect − S_null). */
  normalised: number;
}

export interface CorpusScore extends ThresholdChoice {
  tp: number;
  fp: number;
  fn: number;
  /** Per category at the corpus threshold, normalised by the category's own null and perfect scores. */
  categories: Record<string, { score: number; normalised: number; tp: number; fp: number; fn: number; series: number }>;
  /** Per series at the corpus threshold. */
  series: { name: string; category: string; score: number; normalised: number; tp: number; fp: number; fn: number }[];
}

/** The threshold that maximises the summed score of `corpus` (ties: the highest such threshold). */
export function optimiseThreshold(corpus: readonly ScoredSeries[], profile: Profile = STANDARD_PROFILE): ThresholdChoice {
  const values: PointValues[] = corpus.map((s) => pointValues(s.labels, s.probation, profile));
  let nullScore = 0;
  let perfect = 0;
  const windowOffset: number[] = [];
  let windows = 0;
  for (const pv of values) {
    windowOffset.push(windows);
    windows += pv.windows.length;
    const s = scoreDetections(pv, () => false, profile);
    nullScore += s.nullScore;
    perfect += s.perfectScore;
  }
  let total = nullScore;
  // Every scorable row of every series, as (series, row), sorted by anomaly score, highest first.
  const points: { s: number; i: number; v: number }[] = [];
  corpus.forEach((series, s) => {
    const pv = values[s]!;
    for (let i = 0; i < series.scores.length; i++) if (pv.scorable[i]) points.push({ s, i, v: series.scores[i]! });
  });
  points.sort((a, b) => b.v - a.v);
  // Reward held by each window's earliest detection so far (NaN: no detection yet, the miss counts).
  const held = new Float64Array(windows).fill(Number.NaN);
  let best: ThresholdChoice = { threshold: Infinity, score: total, nullScore, perfectScore: perfect, normalised: 0 };
  let p = 0;
  while (p < points.length) {
    const threshold = points[p]!.v;
    for (; p < points.length && points[p]!.v === threshold; p++) {
      const { s, i } = points[p]!;
      const pv = values[s]!;
      const w = pv.window[i]!;
      const v = pv.value[i]!;
      if (w < 0) { total += v; continue; }
      const k = windowOffset[s]! + w;
      const old = held[k]!;
      // Rewards fall with the position in the window, so the earliest detection holds the largest one.
      if (Number.isNaN(old)) { total += v - profile.fn; held[k] = v; }
      else if (v > old) { total += v - old; held[k] = v; }
    }
    if (total > best.score) best = { threshold, score: total, nullScore, perfectScore: perfect, normalised: 0 };
  }
  best.normalised = normalise(best.score, nullScore, perfect);
  return best;
}

/** The corpus score at its optimal threshold (or at `threshold` when given), with per-category and per-series parts. */
export function scoreCorpus(corpus: readonly ScoredSeries[], profile: Profile = STANDARD_PROFILE, threshold?: number): CorpusScore {
  const choice = threshold === undefined ? optimiseThreshold(corpus, profile) : undefined;
  const t = choice?.threshold ?? threshold!;
  const categories: CorpusScore['categories'] = {};
  const perCategory: Record<string, { nul: number; perfect: number }> = {};
  const series: CorpusScore['series'] = [];
  let score = 0, nul = 0, perfect = 0, tp = 0, fp = 0, fn = 0;
  for (const s of corpus) {
    const pv = pointValues(s.labels, s.probation, profile);
    const r = scoreDetections(pv, (i) => s.scores[i]! >= t, profile);
    score += r.score; nul += r.nullScore; perfect += r.perfectScore; tp += r.tp; fp += r.fp; fn += r.fn;
    series.push({ name: s.name, category: s.category, score: r.score, normalised: normalise(r.score, r.nullScore, r.perfectScore), tp: r.tp, fp: r.fp, fn: r.fn });
    const c = (categories[s.category] ??= { score: 0, normalised: 0, tp: 0, fp: 0, fn: 0, series: 0 });
    const q = (perCategory[s.category] ??= { nul: 0, perfect: 0 });
    c.score += r.score; c.tp += r.tp; c.fp += r.fp; c.fn += r.fn; c.series++;
    q.nul += r.nullScore; q.perfect += r.perfectScore;
  }
  for (const [name, c] of Object.entries(categories)) c.normalised = normalise(c.score, perCategory[name]!.nul, perCategory[name]!.perfect);
  return {
    threshold: t, score, nullScore: nul, perfectScore: perfect, normalised: normalise(score, nul, perfect),
    tp, fp, fn, categories, series,
  };
}
