import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface FrameTime {
  frame: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  wallMs: number;
  /** Sampled time not idle. */
  busyMs: number;
  /** Self time grouped: GC, idle, the proxy's own code, node internals by module, V8/native (program). */
  categories: Array<{ category: string; selfMs: number }>;
  /** Functions by self time (where the CPU actually was). */
  topSelf: FrameTime[];
  /** The proxy's own functions by inclusive time (what each part of the exchange costs, callees included). */
  proxyTotals: FrameTime[];
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\/.*\/(proxy|grader|node_modules)\//, '$1/').replace(/^node:/, '');
  const name = functionName || '(anonymous)';
  return file ? `${name} ${file}:${lineNumber + 1}` : name;
}

function categoryOf(node: ProfileNode, ownCode: string): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8/native (program)';
  if (url.includes(ownCode)) return 'own code';
  const internal = /^node:internal\/([^/]+(?:\/[^/.]+)?)/.exec(url);
  if (internal) return `node:internal/${internal[1]}`;
  if (url.startsWith('node:')) return url;
  return url === '' ? `native: ${functionName}` : 'other JS';
}

/**
 * Self and inclusive times from a V8 .cpuprofile (as written by node --cpu-prof). Inclusive times are kept
 * for the functions whose script URL contains `ownCode` (the proxy's dist by default).
 */
export function analyseProfile(file: string, top = 25, ownCode = '/proxy/dist/'): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const categories = new Map<string, number>();
  let idleMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    const category = categoryOf(node, ownCode);
    if (category === 'idle') idleMs += ms;
    categories.set(category, (categories.get(category) ?? 0) + ms);
    self.set(frameName(node), (self.get(frameName(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const ancestor = byId.get(at)!;
      if (!ancestor.callFrame.url.includes(ownCode)) continue;
      const name = frameName(ancestor);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return {
    wallMs,
    busyMs: wallMs - idleMs,
    categories: sorted(categories).map(([category, selfMs]) => ({ category, selfMs })),
    topSelf: sorted(self)
      .filter(([frame]) => frame !== '(idle)')
      .slice(0, top)
      .map(([frame, selfMs]) => ({ frame, selfMs, totalMs: total.get(frame) ?? selfMs })),
    proxyTotals: sorted(total)
      .slice(0, top)
      .map(([frame, totalMs]) => ({ frame, selfMs: self.get(frame) ?? 0, totalMs })),
  };
}
