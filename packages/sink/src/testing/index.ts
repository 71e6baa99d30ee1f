// @heapster/sink/testing: fixtures the sinks' tests share (not part of the runtime surface `.`).
export { SAMPLE_TIMESTAMP, sampleBatch } from './sample-batch.js';
export { sampleEventShapes, sampleEvents } from './sample-events.js';
