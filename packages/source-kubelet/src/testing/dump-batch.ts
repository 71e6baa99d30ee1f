import { entityTypeName, type DataBatch, type EntityType } from '@heapster/model';

function iso(ms: number): string {
  return Number.isNaN(ms) ? '-' : new Date(ms).toISOString();
}

/**
 * A batch as sorted text lines, one per row header and one per value, for golden tests:
 *   `pod namespace:default/pod:web-1 labels{...} created=… collection=… scraped=…`
 *   `pod namespace:default/pod:web-1 cpu/usage = 305400000000`
 *   `pod namespace:default/pod:web-1 filesystem/usage{resource_id=Volume:data} = 1737418240`
 */
export function dumpBatch(batch: DataBatch): string[] {
  const lines: string[] = [];
  for (const table of batch.tables()) {
    const type = entityTypeName(table.type);
    for (let row = 0; row < table.size; row++) {
      const key = `${type} ${table.key(row)}`;
      const labels: string[] = [];
      batch.forEachLabel(table.type, row, (k, v) => labels.push(`${k}=${v}`));
      lines.push(
        `${key} labels{${labels.join(',')}} created=${iso(table.createTime(row))} collection=${iso(
          table.collectionStartTime(row),
        )} scraped=${iso(table.scrapeTime(row))}`,
      );
      for (const id of table.metricIds()) {
        const value = table.value(row, id);
        if (!Number.isNaN(value)) lines.push(`${key} ${metricName(batch, id)} = ${value}`);
      }
    }
  }
  batch.labeled.forEach((type: EntityType, row, metricId, setId, value) => {
    const table = batch.table(type);
    const set = batch.labelSets
      .get(setId)
      .map(p => `${p.key}=${p.value}`)
      .join(',');
    lines.push(
      `${entityTypeName(type)} ${table.key(row)} ${metricName(batch, metricId)}{${set}} = ${value}`,
    );
  });
  return lines.sort();
}

function metricName(batch: DataBatch, id: number): string {
  return batch.metrics.byId(id)?.name ?? `#${id}`;
}
