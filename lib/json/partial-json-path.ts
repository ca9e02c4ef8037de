// The open containers of the partial-JSON parser as of each checkpoint, kept so that taking a checkpoint
// costs only what changed since the last one, not the nesting depth. Only the innermost containers change
// between checkpoints (a container gains members only while it is the innermost one), so a checkpoint
// shares the outer part of the path with the previous one and adds nodes for the changed levels below it.
// A shared node records, per checkpoint, which node was below it ("fat node" persistence), so a view can
// find its child as of its own checkpoint (by a binary search when the node has seen several).

import type { Frame } from './partial-json-view.js';

/** An open container as one or more checkpoints saw it; what it shows never changes once made. @internal */
export interface PathNode {
  readonly frame: Frame;
  /** How many members it had. */
  readonly size: number;
  /** The key of the value in progress inside an object. */
  readonly key: string;
  /** The frame's duplicate-key revision. */
  readonly revision: number;
  /** The node one level deeper at the checkpoint that made this one. */
  first: PathNode | undefined;
  /** Later nodes one level deeper, each with the checkpoint id from which on it was the one (ascending). */
  later: { since: number[]; nodes: PathNode[] } | undefined;
}

/** The open containers and the string in progress at one checkpoint. @internal */
export interface Snapshot {
  readonly id: number;
  /** The outermost open container; undefined when none is open. */
  readonly root: PathNode | undefined;
  /** How many containers were open. */
  readonly depth: number;
  /** The string value in progress, shown inside the innermost container (or as the value itself). */
  readonly scalar: string | undefined;
}

/** The node one level below `node` as of checkpoint `id`. @internal */
export function nodeBelow(node: PathNode, id: number): PathNode {
  const later = node.later;
  if (!later || id < (later.since[0] as number)) return node.first as PathNode;
  const since = later.since;
  let low = 0;
  let high = since.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((since[middle] as number) <= id) low = middle;
    else high = middle - 1;
  }
  return later.nodes[low] as PathNode;
}

/** Takes snapshots of the parser's stack of open frames, each in time proportional to what changed. @internal */
export class CheckpointPath {
  /** The nodes of the last snapshot, outermost first. */
  private readonly path: PathNode[] = [];
  /** The outermost level that changed since the last snapshot. */
  private changedFrom = 0;
  private last: Snapshot | undefined;
  private ids = 0;

  /** Records that the frame at `level` changed (gained a member or a key) or was opened there. */
  touch(level: number): void {
    if (level < this.changedFrom) this.changedFrom = level;
  }

  /** The snapshot of `stack` now: the last one again if nothing visible changed. */
  snapshot(stack: readonly Frame[], scalar: string | undefined): Snapshot {
    const depth = stack.length;
    const last = this.last;
    if (last && this.changedFrom >= depth && last.depth === depth && last.scalar === scalar) return last;
    const id = ++this.ids;
    const from = Math.min(this.changedFrom, depth, this.path.length);
    this.path.length = from;
    for (let level = from; level < depth; level++) {
      const frame = stack[level] as Frame;
      const node: PathNode = {
        frame,
        size: frame.items ? frame.items.length : frame.keys.length,
        key: frame.key,
        revision: frame.revision,
        first: undefined,
        later: undefined,
      };
      const parent = this.path[level - 1];
      if (parent && !parent.first) parent.first = node;
      else if (parent) {
        const later = (parent.later ??= { since: [], nodes: [] });
        later.since.push(id);
        later.nodes.push(node);
      }
      this.path.push(node);
    }
    this.changedFrom = depth;
    return (this.last = { id, root: this.path[0], depth, scalar });
  }
}
