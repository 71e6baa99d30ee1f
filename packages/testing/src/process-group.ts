// Process-group bookkeeping read from /proc, so tests can assert that no server outlived them.
import { readdirSync, readFileSync } from 'node:fs';

/** PIDs of live (non-zombie) processes whose process group is `pgid`. */
export function liveProcessesInGroup(pgid: number): number[] {
  const live: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat === undefined) continue;
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const group = Number(fields[2]);
    if (group === pgid && state !== 'Z' && state !== 'X') live.push(Number(entry));
  }
  return live;
}

/** True while the process exists and is not a zombie. */
export function isProcessAlive(pid: number): boolean {
  const stat = readStat(String(pid));
  if (stat === undefined) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  return state !== 'Z' && state !== 'X';
}

function readStat(pid: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // the process ended while we looked
  }
}
