import type { RandomSource } from './prng.js';

/**
 * Resource quantities written the many ways real manifests write them, so consumers that parse
 * Kubernetes quantities are exercised on every form: "500m", "0.5", "2", "1Gi", "128974848",
 * "128e6", "512M", "1.5Gi". Each helper returns the exact value it encoded next to the text.
 */

export interface Quantity {
  readonly text: string;
  /** CPU in millicores or memory/storage in bytes, exactly what `text` means. */
  readonly value: number;
}

const MI = 1024 * 1024;
const GI = 1024 * MI;

/** A CPU request/limit in one of several notations. */
export function cpuQuantity(random: RandomSource): Quantity {
  switch (random.int(0, 4)) {
    case 0: {
      const m = random.pick([50, 100, 150, 200, 250, 300, 500, 750]);
      return { text: `${m}m`, value: m };
    }
    case 1: {
      const cores = random.pick([0.1, 0.25, 0.5, 1.5]);
      return { text: String(cores), value: cores * 1000 };
    }
    case 2: {
      const cores = random.pick([1, 2]);
      return { text: String(cores), value: cores * 1000 };
    }
    case 3: {
      const m = random.pick([1000, 2000]);
      return { text: `${m}m`, value: m };
    }
    default: {
      // Decimal-exponent form (cores): "5e-1" is half a core, "25e-2" a quarter, "1e0" one.
      // An exponent cannot be combined with a suffix ("1e3m" is not a quantity).
      const [text, millicores] = random.pick([
        ['5e-1', 500],
        ['25e-2', 250],
        ['1e0', 1000],
      ] as const);
      return { text, value: millicores };
    }
  }
}

/** A memory request/limit in one of several notations. */
export function memoryQuantity(random: RandomSource): Quantity {
  switch (random.int(0, 5)) {
    case 0: {
      const mi = random.pick([64, 128, 256, 512, 768]);
      return { text: `${mi}Mi`, value: mi * MI };
    }
    case 1: {
      const gi = random.pick([1, 2, 4]);
      return { text: `${gi}Gi`, value: gi * GI };
    }
    case 2: {
      // Plain bytes, as generated manifests often carry.
      const bytes = random.pick([128974848, 268435456, 104857600, 536870912]);
      return { text: String(bytes), value: bytes };
    }
    case 3: {
      const m = random.pick([128, 256, 512]);
      return { text: `${m}e6`, value: m * 1e6 };
    }
    case 4: {
      const m = random.pick([100, 200, 500]);
      return { text: `${m}M`, value: m * 1e6 };
    }
    default:
      return { text: '1.5Gi', value: 1.5 * GI };
  }
}

/** Kibibytes, the way kubelets report node capacity ("32863508Ki"). */
export function kibibytes(bytes: number): Quantity {
  const ki = Math.floor(bytes / 1024);
  return { text: `${ki}Ki`, value: ki * 1024 };
}

/** Millicores as the kubelet writes allocatable CPU: whole cores plain, otherwise "7910m". */
export function millicores(m: number): Quantity {
  return m % 1000 === 0 ? { text: String(m / 1000), value: m } : { text: `${m}m`, value: m };
}
