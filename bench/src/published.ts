/** Published ROC-AUC (%) under the protocol (DTE README, Table 1, mean of 5 seeds), from the data README. */
export interface PublishedRow {
  VAE: number;
  IForest: number;
  KNN: number;
  OCSVM: number;
  best: number;
  bestMethod: string;
}

export const PUBLISHED: Record<string, PublishedRow> = {
  annthyroid: { VAE: 85.44, IForest: 90.28, KNN: 92.81, OCSVM: 88.45, best: 97.52, bestMethod: 'DTE-C' },
  cardio: { VAE: 96.55, IForest: 93.32, KNN: 92.0, OCSVM: 95.61, best: 96.55, bestMethod: 'VAE' },
  cardiotocography: { VAE: 78.9, IForest: 74.24, KNN: 62.11, OCSVM: 75.22, best: 79.3, bestMethod: 'ECOD' },
  mammography: { VAE: 89.58, IForest: 88.02, KNN: 87.58, OCSVM: 88.63, best: 90.67, bestMethod: 'ECOD' },
  mnist: { VAE: 90.21, IForest: 86.6, KNN: 93.85, OCSVM: 90.56, best: 94.02, bestMethod: 'DTE-NP' },
  pendigits: { VAE: 94.5, IForest: 97.22, KNN: 99.87, OCSVM: 96.36, best: 99.87, bestMethod: 'KNN' },
  satellite: { VAE: 74.14, IForest: 77.46, KNN: 82.24, OCSVM: 73.91, best: 87.49, bestMethod: 'SLAD' },
  shuttle: { VAE: 99.35, IForest: 99.65, KNN: 99.91, OCSVM: 99.62, best: 99.98, bestMethod: 'LOF' },
  spambase: { VAE: 81.4, IForest: 85.18, KNN: 83.36, OCSVM: 81.7, best: 85.18, bestMethod: 'IForest' },
  thyroid: { VAE: 98.55, IForest: 98.96, KNN: 98.68, OCSVM: 98.56, best: 98.96, bestMethod: 'IForest' },
};

export const PUBLISHED_COLUMNS = ['VAE', 'IForest', 'KNN', 'OCSVM'] as const;
