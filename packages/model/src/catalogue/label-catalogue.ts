import type { LabelDescriptor } from './label-descriptor.js';
import { C, levels, ND, P } from './levels.js';
import { STATIC_LABELS } from './labels.js';

/** Default bound on static plus stored labels (each stored label is a column per entity table). */
export const DEFAULT_MAX_LABELS = 1024;

// Safe as a Prometheus label name and as a Kubernetes label name part: starts with a letter,
// ends alphanumeric, only letters, digits and "_" between, at most 63 characters.
const STORE_LABEL_KEY = /^[A-Za-z]([A-Za-z0-9_]*[A-Za-z0-9])?$/;
const MAX_KEY_LENGTH = 63;

/** A label key the catalogue cannot accept; the message names the value. */
export class LabelCatalogueError extends Error {
  readonly labelKey: string;

  constructor(labelKey: string, reason: string) {
    super(`label ${JSON.stringify(labelKey)}: ${reason}`);
    this.name = 'LabelCatalogueError';
    this.labelKey = labelKey;
  }
}

/** Why `key` cannot be a `--store_label` label, or undefined when it can (static keys are reserved). */
export function storeLabelKeyProblem(key: string): string | undefined {
  if (STATIC_LABELS.some(label => label.key === key)) return "is one of Heapster's own labels";
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !STORE_LABEL_KEY.test(key)) {
    return (
      `must be 1-${MAX_KEY_LENGTH} letters, digits or "_", starting with a letter and ending with a letter ` +
      'or digit (safe for Prometheus and Kubernetes); use --store_label newName=original to rename'
    );
  }
  return undefined;
}

/** Read and register access to the labels a process knows. */
export interface LabelRegistry {
  readonly size: number;
  byKey(key: string): LabelDescriptor | undefined;
  byId(id: number): LabelDescriptor | undefined;
  has(key: string): boolean;
  /** Every label in id order (a snapshot). */
  all(): readonly LabelDescriptor[];
  /** Registers (or returns) a `--store_label` label; Heapster's own keys are refused. */
  ensure(key: string): LabelDescriptor;
}

export interface LabelCatalogueOptions {
  readonly maxLabels?: number;
}

/** Heapster's labels with fixed ids, plus stored pod/node labels numbered in order of registration. */
export class LabelCatalogue implements LabelRegistry {
  private readonly _list: LabelDescriptor[] = [];
  private readonly _byKey = new Map<string, LabelDescriptor>();
  private readonly _maxLabels: number;

  constructor(
    staticLabels: readonly LabelDescriptor[] = STATIC_LABELS,
    options: LabelCatalogueOptions = {},
  ) {
    const max = options.maxLabels ?? DEFAULT_MAX_LABELS;
    if (!Number.isInteger(max) || max < staticLabels.length) {
      throw new RangeError(
        `maxLabels ${max} must be an integer of at least ${staticLabels.length}`,
      );
    }
    this._maxLabels = max;
    staticLabels.forEach((label, index) => {
      if (label.id !== index)
        throw new LabelCatalogueError(label.key, `has id ${label.id} at index ${index}`);
      this._add(label);
    });
  }

  get size(): number {
    return this._list.length;
  }

  byKey(key: string): LabelDescriptor | undefined {
    return this._byKey.get(key);
  }

  byId(id: number): LabelDescriptor | undefined {
    return this._list[id];
  }

  has(key: string): boolean {
    return this._byKey.has(key);
  }

  all(): readonly LabelDescriptor[] {
    return this._list.slice();
  }

  ensure(key: string): LabelDescriptor {
    const known = this._byKey.get(key);
    if (known?.dynamic === true) return known;
    const problem = storeLabelKeyProblem(key);
    if (problem !== undefined) throw new LabelCatalogueError(key, problem);
    if (this._list.length >= this._maxLabels) {
      throw new LabelCatalogueError(key, `the catalogue is full (${this._maxLabels} labels)`);
    }
    const label: LabelDescriptor = Object.freeze({
      id: this._list.length,
      key,
      description: 'Pod or node label copied by --store_label.',
      levels: levels(C, P, ND),
      dynamic: true,
    });
    this._add(label);
    return label;
  }

  private _add(label: LabelDescriptor): void {
    if (this._byKey.has(label.key)) throw new LabelCatalogueError(label.key, 'is registered twice');
    this._list.push(label);
    this._byKey.set(label.key, label);
  }
}
