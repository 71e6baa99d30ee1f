// Process-group bookkeeping read from /proc, so tests can assert that no server outlived them.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

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

/**
 * True when no thread of group `pgid` can run user code any more: each is stopped (state T or t)
 * or in uninterruptible sleep (D), which it leaves only through the pending stop. SIGSTOP reaches
 * each thread on its own, when it next runs: until then a thread that is already on the other
 * CPU can still answer a request. D counts because a shell in vfork() waits there, for a child
 * stopped before its exec, for as long as the group is stopped.
 */
export function groupStopped(pgid: number): boolean {
  for (const pid of liveProcessesInGroup(pgid)) {
    for (const task of entriesOf(`/proc/${pid}/task`)) {
      const stat = readStat(`${pid}/task/${task}`);
      if (stat !== undefined && !HALTED_STATES.has(stateOf(stat))) return false;
    }
  }
  return true;
}

/** True while the process exists and is not a zombie. */
export function isProcessAlive(pid: number): boolean {
  const stat = readStat(String(pid));
  if (stat === undefined) return false;
  const state = stateOf(stat);
  return state !== 'Z' && state !== 'X';
}

/** The state letter of a /proc stat line (after the command name, which may hold spaces). */
function stateOf(stat: string): string {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '';
}

/** A /proc directory's entries; none once the process has ended. */
function entriesOf(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readStat(pid: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // the process ended while we looked
  }
}

/**
 * True when processes of group `pgid` hold every TCP socket listening on `port` (IPv4 or IPv6).
 * A server that lost the race for its port exits, but a health check sent before it does would be
 * answered by whoever holds the port; and with SO_REUSEPORT two servers can share a port and split
 * its connections. This tells those cases apart from a port that is ours alone.
 */
export function groupOwnsPort(pgid: number, port: number): boolean {
  const unclaimed = listeningSocketInodes(port);
  if (unclaimed.size === 0) return false;
  for (const pid of liveProcessesInGroup(pgid)) {
    for (const fd of entriesOf(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match !== null) unclaimed.delete(match[1] as string);
      if (unclaimed.size === 0) return true;
    }
  }
  return false;
}

const TCP_LISTEN = '0A';
const HALTED_STATES = new Set(['T', 't', 'D', 'Z', 'X']);

function listeningSocketInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (local === undefined || fields[3] !== TCP_LISTEN) continue;
      if (local.slice(local.lastIndexOf(':') + 1) === hexPort && fields[9] !== undefined) {
        inodes.add(fields[9]);
      }
    }
  }
  return inodes;
}
