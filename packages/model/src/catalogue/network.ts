import type { MetricSpec, MetricUnits } from './metric-descriptor.js';
import { levels, ND, NO_KEYS, NOT_SUMMED, P, POD_SUM } from './levels.js';

// The summary API reports network for pods and nodes only, and only the default interface.
const NETWORK_LEVELS = levels(P, ND);

function counter(direction: 'rx' | 'tx', errors: boolean): MetricSpec {
  const description = errors
    ? `Cumulative errors while ${direction === 'rx' ? 'receiving' : 'sending'} over the network (default interface).`
    : `Cumulative bytes ${direction === 'rx' ? 'received' : 'sent'} over the network (default interface).`;
  const field = `${direction}${errors ? 'Errors' : 'Bytes'}`;
  const name = `network/${direction}${errors ? '_errors' : ''}`;
  return {
    name,
    family: 'network',
    type: 'cumulative',
    valueType: 'int64',
    units: errors ? 'count' : 'bytes',
    description,
    levels: NETWORK_LEVELS,
    labelKeys: NO_KEYS,
    rate: `${name}_rate`,
    aggregation: NOT_SUMMED,
    origin: `summary network.${field} (inline default-interface fields; interfaces[] ignored)`,
  };
}

function rate(of: MetricSpec, description: string): MetricSpec {
  const units: MetricUnits = of.units === 'bytes' ? 'bytes_per_second' : 'per_second';
  return {
    name: `${of.name}_rate`,
    family: 'network',
    type: 'gauge',
    valueType: 'double',
    units,
    description,
    levels: NETWORK_LEVELS,
    labelKeys: NO_KEYS,
    rateOf: of.name,
    aggregation: POD_SUM,
    origin: `rate calculator: 1e9 * delta(${of.name}) / delta(scrape time ns)`,
  };
}

const RX = counter('rx', false);
const RX_ERRORS = counter('rx', true);
const TX = counter('tx', false);
const TX_ERRORS = counter('tx', true);

/** `network/*`: byte and error counters per direction and their per-second rates. */
export const NETWORK_METRICS: readonly MetricSpec[] = [
  RX,
  RX_ERRORS,
  TX,
  TX_ERRORS,
  rate(RX, 'Bytes received over the network per second.'),
  rate(RX_ERRORS, 'Errors while receiving over the network, per second.'),
  rate(TX, 'Bytes sent over the network per second.'),
  rate(TX_ERRORS, 'Errors while sending over the network, per second.'),
];
