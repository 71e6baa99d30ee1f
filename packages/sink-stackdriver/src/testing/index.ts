// @heapster/sink-stackdriver/testing: the local Cloud Monitoring fake and the sample batch other
// packages' tests share (the historical stackdriver reader); not part of the runtime surface `.`.
export { FakeMonitoringServer } from './fake-monitoring-server.js';
export type { FakeListReply, FakeReply, RecordedRequest } from './fake-monitoring-server.js';
export { answerFromCanned, matchesFilter, parseFilter, timestampMs } from './list-time-series.js';
export type { FakeTimestamp, ListPage, RecordedListRequest } from './list-time-series.js';
export { SAMPLE_START, SAMPLE_TIMESTAMP, sampleBatch } from './sample-batch.js';
