/**
 * A seeded generator of synthetic card transactions, with labelled frauds of several kinds.
 *
 * Normal traffic comes from one US card issuer's customers: amounts are log-normal per merchant
 * category, hours follow each category's daily profile, devices fit the category, and a few
 * customers are travelling (in the US or abroad) when they pay. Each fraud kind changes a few
 * columns so that every value stays plausible on its own; only the combination is unusual.
 *
 * Self-contained (no imports, no side effects, erasable TypeScript only) so tests can import this
 * file directly. Same options, same rows.
 */

export const MERCHANT_CATEGORIES = [
  'grocery', 'fuel', 'restaurant', 'pharmacy', 'online_retail', 'digital_goods', 'electronics', 'travel',
] as const;
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number];

export const DEVICES = ['chip', 'contactless', 'mobile_wallet', 'online'] as const;
export type Device = (typeof DEVICES)[number];

export const FRAUD_KINDS = [
  'card_testing', 'account_takeover', 'cross_border_spree', 'amount_outlier', 'impossible_combination',
] as const;
export type FraudKind = (typeof FRAUD_KINDS)[number];

/** One card transaction. `is_fraud` and `fraud_kind` are labels: keep them out of the model's inputs. */
export type Transaction = {
  amount: number;
  merchant_category: MerchantCategory;
  /** Local hour of the transaction, 0–23. */
  hour: number;
  /** Merchant country (ISO 3166 alpha-2); the cardholders live in the US. */
  country: string;
  device: Device;
  account_age_days: number;
  card_present: boolean;
  /** First time this account pays with this phone, browser or card. */
  new_device: boolean;
  /** Where the payment happened (the terminal, or the buyer's IP for online payments), in km from home. */
  distance_from_home_km: number;
  transactions_last_24h: number;
  is_fraud: 0 | 1;
  /** `''` for normal rows. */
  fraud_kind: FraudKind | '';
};

export interface GenerateOptions {
  rows: number;
  /** Fraction of rows that are frauds, spread evenly over `kinds`. Default 0. */
  fraudRate?: number;
  /** Default 0. */
  seed?: number;
  /** Fraud kinds to inject. Default: all of `FRAUD_KINDS`. */
  kinds?: readonly FraudKind[];
}

// ---------------------------------------------------------------- seeded randomness

/** A small seeded random source: mulberry32 uniforms, Box–Muller normals. */
class Random {
  private state: number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  int(lo: number, hi: number): number {
    return Math.floor(this.uniform(lo, hi + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    const u = 1 - this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One key of `weights`, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const keys = Object.keys(weights) as K[];
    let total = 0;
    for (const k of keys) total += weights[k];
    let r = this.next() * total;
    for (const k of keys) {
      r -= weights[k];
      if (r < 0) return k;
    }
    return keys[keys.length - 1]!;
  }
}

// ---------------------------------------------------------------- normal behaviour

interface CategoryProfile {
  /** Share of domestic spending. */
  share: number;
  /** Median amount (USD) and log-normal spread. */
  median: number;
  sigma: number;
  /** Daily profile: [peak hour, width in hours, weight] bumps over a small baseline. */
  hours: readonly (readonly [number, number, number])[];
  nightBase: number;
  devices: Readonly<Partial<Record<Device, number>>>;
  /** Share of online purchases paid to a foreign merchant. */
  foreignMerchant: number;
}

const CATEGORIES: Record<MerchantCategory, CategoryProfile> = {
  grocery: { share: 0.25, median: 42, sigma: 0.6, hours: [[11, 2.5, 1], [18, 2, 1.3]], nightBase: 0.01, devices: { chip: 0.4, contactless: 0.45, mobile_wallet: 0.15 }, foreignMerchant: 0 },
  fuel: { share: 0.11, median: 48, sigma: 0.35, hours: [[8, 2, 1], [17, 2.5, 1]], nightBase: 0.03, devices: { chip: 0.55, contactless: 0.35, mobile_wallet: 0.1 }, foreignMerchant: 0 },
  restaurant: { share: 0.18, median: 31, sigma: 0.7, hours: [[12.5, 1.2, 1], [19.5, 1.8, 1.4]], nightBase: 0.02, devices: { chip: 0.3, contactless: 0.5, mobile_wallet: 0.2 }, foreignMerchant: 0 },
  pharmacy: { share: 0.07, median: 21, sigma: 0.6, hours: [[10, 2, 1], [17, 2.5, 1]], nightBase: 0.01, devices: { chip: 0.45, contactless: 0.4, mobile_wallet: 0.15 }, foreignMerchant: 0 },
  online_retail: { share: 0.2, median: 38, sigma: 0.9, hours: [[13, 3, 0.8], [21, 2, 1.3]], nightBase: 0.08, devices: { online: 0.75, mobile_wallet: 0.25 }, foreignMerchant: 0.1 },
  digital_goods: { share: 0.06, median: 9, sigma: 0.7, hours: [[20, 3, 1]], nightBase: 0.15, devices: { online: 0.7, mobile_wallet: 0.3 }, foreignMerchant: 0.25 },
  electronics: { share: 0.06, median: 170, sigma: 0.9, hours: [[14, 3, 1], [20, 2, 0.6]], nightBase: 0.02, devices: { chip: 0.35, contactless: 0.15, mobile_wallet: 0.1, online: 0.4 }, foreignMerchant: 0.08 },
  travel: { share: 0.07, median: 320, sigma: 0.8, hours: [[11, 3, 1], [20, 2, 0.7]], nightBase: 0.04, devices: { chip: 0.2, contactless: 0.1, online: 0.7 }, foreignMerchant: 0.15 },
};

/** Where customers travel, with the range of distances from home (km). */
const DESTINATIONS: Record<string, readonly [number, number]> = {
  CA: [400, 3500], MX: [900, 3500], GB: [5500, 8800], FR: [5800, 9000], DE: [6200, 9200],
  IT: [6800, 9800], ES: [5800, 9300], JP: [8000, 11000],
};
const FOREIGN_MERCHANTS = ['GB', 'IE', 'NL', 'CN', 'CA', 'DE'] as const;

/** Hour weights for a category, sampled by `Random.weighted`. */
function hourWeights(profile: CategoryProfile): Record<string, number> {
  const w: Record<string, number> = {};
  for (let h = 0; h < 24; h++) {
    let v = h >= 6 && h <= 22 ? 0.05 : profile.nightBase;
    for (const [peak, width, weight] of profile.hours) {
      const d = Math.min(Math.abs(h - peak), 24 - Math.abs(h - peak));
      v += weight * Math.exp(-(d * d) / (2 * width * width));
    }
    w[String(h)] = v;
  }
  return w;
}

const HOUR_WEIGHTS = Object.fromEntries(
  MERCHANT_CATEGORIES.map((c) => [c, hourWeights(CATEGORIES[c])]),
) as Record<MerchantCategory, Record<string, number>>;

const DOMESTIC_SHARES = Object.fromEntries(MERCHANT_CATEGORIES.map((c) => [c, CATEGORIES[c].share])) as Record<MerchantCategory, number>;
/** Abroad, people eat out, travel and buy fuel more, and rarely buy groceries online. */
const ABROAD_SHARES: Record<MerchantCategory, number> = {
  grocery: 0.12, fuel: 0.1, restaurant: 0.35, pharmacy: 0.05, online_retail: 0.04, digital_goods: 0.03, electronics: 0.03, travel: 0.28,
};

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round1 = (x: number): number => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

function amountFor(rng: Random, category: MerchantCategory, factor = 1): number {
  const p = CATEGORIES[category];
  return round2(Math.max(0.5, rng.logNormal(p.median * factor, p.sigma)));
}

function accountAge(rng: Random): number {
  return rng.chance(0.08) ? rng.int(1, 90) : Math.round(clamp(rng.logNormal(1100, 0.8), 30, 7300));
}

function isCardPresent(category: MerchantCategory, device: Device): boolean {
  if (device === 'online') return false;
  // A wallet payment inside an app is card-not-present; at a till it is card-present.
  return !(device === 'mobile_wallet' && (category === 'online_retail' || category === 'digital_goods'));
}

/** One legitimate transaction. */
function normalTransaction(rng: Random): Transaction {
  const trip = rng.weighted({ home: 0.92, domestic: 0.05, abroad: 0.03 });
  const category = rng.weighted(trip === 'abroad' ? ABROAD_SHARES : DOMESTIC_SHARES);
  const profile = CATEGORIES[category];
  const device = rng.weighted(profile.devices as Record<Device, number>);
  const cardPresent = isCardPresent(category, device);
  const age = accountAge(rng);

  let country = 'US';
  let distance: number;
  if (trip === 'abroad') {
    const destination = rng.pick(Object.keys(DESTINATIONS));
    const [lo, hi] = DESTINATIONS[destination]!;
    distance = rng.uniform(lo, hi);
    if (cardPresent || rng.chance(0.5)) country = destination;
  } else if (trip === 'domestic') {
    distance = clamp(rng.logNormal(600, 0.8), 120, 4500);
  } else {
    distance = rng.logNormal(category === 'fuel' ? 12 : 6, 0.9);
  }
  if (!cardPresent && trip !== 'abroad' && rng.chance(profile.foreignMerchant)) country = rng.pick(FOREIGN_MERCHANTS);

  const reusedDevice = cardPresent && device !== 'mobile_wallet' ? 0.995 : age < 30 ? 0.85 : 0.96;
  const activity = rng.logNormal(2, 0.5) + (trip === 'home' ? 0 : 1);
  return {
    amount: amountFor(rng, category),
    merchant_category: category,
    hour: Number(rng.weighted(HOUR_WEIGHTS[category])),
    country,
    device,
    account_age_days: age,
    card_present: cardPresent,
    new_device: !rng.chance(reusedDevice),
    distance_from_home_km: round1(distance),
    transactions_last_24h: rng.poisson(activity),
    is_fraud: 0,
    fraud_kind: '',
  };
}

// ---------------------------------------------------------------- frauds

/** Each kind starts from a normal-looking row and changes the few columns a real fraud would. */
const FRAUDS: Record<FraudKind, (rng: Random) => Transaction> = {
  // Stolen card numbers checked with tiny online payments, many in a row, often at night.
  card_testing(rng) {
    const category = rng.chance(0.7) ? 'digital_goods' : 'online_retail';
    return {
      ...normalTransaction(rng),
      merchant_category: category,
      amount: round2(rng.uniform(0.5, 2.5)),
      hour: rng.chance(0.6) ? rng.int(0, 5) : rng.int(6, 23),
      device: 'online',
      card_present: false,
      country: rng.chance(0.4) ? rng.pick(FOREIGN_MERCHANTS) : 'US',
      distance_from_home_km: round1(rng.logNormal(8, 1.2)),
      transactions_last_24h: rng.int(7, 16),
    };
  },
  // A fraudster adds the card to a new phone or browser and buys resellable electronics at night.
  account_takeover(rng) {
    return {
      ...normalTransaction(rng),
      merchant_category: 'electronics',
      amount: round2(rng.uniform(450, 2400)),
      hour: rng.int(0, 4),
      country: 'US',
      device: rng.chance(0.5) ? 'mobile_wallet' : 'online',
      card_present: false,
      new_device: true,
      account_age_days: rng.int(2, 60),
      distance_from_home_km: round1(rng.logNormal(300, 1)),
      transactions_last_24h: rng.int(3, 8),
    };
  },
  // Card details used from abroad: online, far from home, expensive goods, several in a day.
  cross_border_spree(rng) {
    const destination = rng.pick(['GB', 'DE', 'ES', 'IT', 'JP'] as const);
    const [lo, hi] = DESTINATIONS[destination]!;
    const category = rng.pick(['electronics', 'online_retail', 'travel'] as const);
    return {
      ...normalTransaction(rng),
      merchant_category: category,
      amount: round2(Math.min(amountFor(rng, category, 3), CATEGORIES[category].median * 25)),
      country: destination,
      device: 'online',
      card_present: false,
      new_device: rng.chance(0.6),
      distance_from_home_km: round1(rng.uniform(lo, hi)),
      transactions_last_24h: rng.int(5, 14),
    };
  },
  // An ordinary-looking purchase for 10–50 times what the category usually costs.
  amount_outlier(rng) {
    const base = normalTransaction(rng);
    const category = base.merchant_category === 'travel' ? 'restaurant' : base.merchant_category;
    const device = CATEGORIES[category].devices[base.device] ? base.device : 'chip';
    return {
      ...base,
      merchant_category: category,
      device,
      card_present: isCardPresent(category, device),
      amount: round2(CATEGORIES[category].median * rng.uniform(10, 50)),
    };
  },
  // Values that cannot happen together: a card-present online payment, or a fuel purchase
  // abroad in the small hours from an account whose card was used at home the same day.
  impossible_combination(rng) {
    const base = normalTransaction(rng);
    if (rng.chance(0.5)) {
      const category = rng.pick(['online_retail', 'electronics', 'digital_goods'] as const);
      return { ...base, merchant_category: category, amount: amountFor(rng, category), device: 'online', card_present: true };
    }
    const destination = rng.pick(['MX', 'GB', 'FR', 'JP'] as const);
    const [lo, hi] = DESTINATIONS[destination]!;
    return {
      ...base,
      merchant_category: 'fuel',
      amount: amountFor(rng, 'fuel', 2),
      hour: rng.int(2, 4),
      country: destination,
      device: 'chip',
      card_present: true,
      distance_from_home_km: round1(rng.uniform(lo, hi)),
      transactions_last_24h: rng.int(4, 9),
    };
  },
};

/**
 * Generate `rows` transactions; `round(rows * fraudRate)` of them are frauds, the kinds taking turns,
 * at seeded random positions.
 */
export function generateTransactions(options: GenerateOptions): Transaction[] {
  const { rows, fraudRate = 0, seed = 0, kinds = FRAUD_KINDS } = options;
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows: expected a non-negative integer, got ${rows}`);
  if (!(fraudRate >= 0 && fraudRate <= 1)) throw new RangeError(`fraudRate: expected a number in [0, 1], got ${fraudRate}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed: expected an integer, got ${seed}`);
  for (const kind of kinds) {
    if (!FRAUD_KINDS.includes(kind)) throw new RangeError(`kinds: unknown fraud kind '${kind}'; known: ${FRAUD_KINDS.join(', ')}`);
  }
  const nFraud = kinds.length === 0 ? 0 : Math.round(rows * fraudRate);
  const rng = new Random(seed);

  // Choose the fraud positions first (a partial Fisher–Yates shuffle), then generate in order.
  const order = Array.from({ length: rows }, (_, i) => i);
  const fraudAt = new Map<number, FraudKind>();
  for (let k = 0; k < nFraud; k++) {
    const j = k + Math.floor(rng.next() * (rows - k));
    [order[k], order[j]] = [order[j]!, order[k]!];
    fraudAt.set(order[k]!, kinds[k % kinds.length]!);
  }
  const out: Transaction[] = [];
  for (let i = 0; i < rows; i++) {
    const kind = fraudAt.get(i);
    out.push(kind === undefined ? normalTransaction(rng) : { ...FRAUDS[kind](rng), is_fraud: 1, fraud_kind: kind });
  }
  return out;
}

/** The label columns: pass them to `train(..., { adapter: { ignore: LABEL_COLUMNS } })`. */
export const LABEL_COLUMNS = ['is_fraud', 'fraud_kind'] as const;

/** Normal rows only (what a detector trains on) and the frauds, without reordering either. */
export function splitByLabel(rows: readonly Transaction[]): { normal: Transaction[]; fraud: Transaction[] } {
  return { normal: rows.filter((r) => r.is_fraud === 0), fraud: rows.filter((r) => r.is_fraud === 1) };
}
