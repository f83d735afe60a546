// Properties every plan must have, on the model zoo and on seeded random DAGs: no two tensors alive at the
// same step share a byte of the arena, lowerBound ≤ planned ≤ naive, and lifetimes agree with a direct
// recomputation from the execution order.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeGraph, makeModel, makeNode, typedValue } from '../ir/build';
import type { Model, Node } from '../ir/graph';
import { decodeModel } from '../onnx/decode';
import { seededRandom } from '../stats/rng';
import { alignUp } from './greedy';
import { overlapInTime } from './lifetimes';
import { planMemory } from './plan';
import type { MemoryPlan } from './types';

function checkPlan(plan: MemoryPlan) {
  const size = (bytes: number) => alignUp(bytes, plan.alignment);
  const ts = plan.tensors;
  for (let i = 0; i < ts.length; i++) {
    const a = ts[i];
    expect(a.offset % plan.alignment).toBe(0);
    expect(a.offset + size(a.bytes)).toBeLessThanOrEqual(plan.plannedBytes);
    for (let j = i + 1; j < ts.length; j++) {
      const b = ts[j];
      if (size(a.bytes) === 0 || size(b.bytes) === 0 || !overlapInTime(a, b)) continue;
      const apart = a.offset + size(a.bytes) <= b.offset || b.offset + size(b.bytes) <= a.offset;
      if (!apart) throw new Error(`${a.name} and ${b.name} overlap in time and in memory`);
    }
  }
  expect(plan.lowerBoundBytes).toBeLessThanOrEqual(plan.plannedBytes);
  expect(plan.plannedBytes).toBeLessThanOrEqual(plan.naiveBytes);
  expect(plan.naiveBytes).toBe(ts.reduce((s, t) => s + size(t.bytes), 0));
  // the lower bound by brute force: sum the live tensors at every step
  const steps = plan.order.length;
  for (let s = -1; s <= steps; s++) {
    const live = ts.filter((t) => t.start <= s && s <= t.end).reduce((sum, t) => sum + size(t.bytes), 0);
    expect(plan.liveBytes[s + 1]).toBe(live);
  }
  expect(plan.lowerBoundBytes).toBe(Math.max(...plan.liveBytes));
}

/** Lifetimes recomputed from the plan's order: producer step, last reader step, outputs to the end. */
function checkLifetimes(model: Model, plan: MemoryPlan) {
  const nodes = new Map(model.graph.nodes.map((n, i) => [n.name || `#${i} ${n.opType}`, n]));
  const order = plan.order.map((label) => nodes.get(label)!);
  const outputs = new Set(model.graph.outputs.map((v) => v.name));
  for (const t of plan.tensors) {
    const producer = order.findIndex((n) => n.outputs.includes(t.name));
    expect(t.start).toBe(producer);
    const readers = order.flatMap((n, step) => (n.inputs.includes(t.name) ? [step] : []));
    const end = outputs.has(t.name) ? order.length : Math.max(t.start, ...readers);
    expect(t.end).toBe(end);
  }
}

const zoo = path.resolve(__dirname, '../../../public/models');
const zooFiles = fs.readdirSync(zoo).filter((f) => f.endsWith('.onnx'));

describe('memory plans of the model zoo', () => {
  it.each(zooFiles)('%s', (file) => {
    const model = decodeModel(new Uint8Array(fs.readFileSync(path.join(zoo, file))));
    for (const batch of [1, 3]) {
      const plan = planMemory(model, { batch });
      expect(plan.unsized).toEqual([]);
      checkPlan(plan);
      checkLifetimes(model, plan);
      // reuse must pay off on every real network: the arena is smaller than one buffer per tensor
      expect(plan.plannedBytes).toBeLessThan(plan.naiveBytes);
    }
  });
});

/**
 * A random DAG of Relu, Add and Concat nodes over [1, C, 4, 4] float32 values (C from 1 to 8 channels, so
 * sizes differ), each reading values made earlier; the values nobody reads are the graph outputs.
 */
function randomDag(seed: number): Model {
  const rng = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(rng() * items.length)];
  const channels = new Map<string, number>();
  const inputs = Array.from({ length: 1 + Math.floor(rng() * 3) }, (_, i) => {
    channels.set(`in${i}`, 1 + Math.floor(rng() * 8));
    return typedValue(`in${i}`, 'float32', [1, channels.get(`in${i}`)!, 4, 4]);
  });
  const nodes: Node[] = [];
  const count = 5 + Math.floor(rng() * 40);
  for (let i = 0; i < count; i++) {
    const values = [...channels.keys()];
    const a = pick(values);
    const kind = rng();
    const out = `v${i}`;
    if (kind < 0.4) {
      nodes.push(makeNode('Relu', [a], [out], { name: `n${i}` }));
      channels.set(out, channels.get(a)!);
    } else if (kind < 0.7) {
      const same = values.filter((v) => channels.get(v) === channels.get(a));
      nodes.push(makeNode('Add', [a, pick(same)], [out], { name: `n${i}` }));
      channels.set(out, channels.get(a)!);
    } else {
      const b = pick(values);
      const attributes = { axis: { type: 'int' as const, value: 1 } };
      nodes.push(makeNode('Concat', [a, b], [out], { name: `n${i}`, attributes }));
      channels.set(out, channels.get(a)! + channels.get(b)!);
    }
  }
  const read = new Set(nodes.flatMap((n) => n.inputs));
  const outputs = nodes
    .map((n) => n.outputs[0])
    .filter((v) => !read.has(v))
    .map((v) => typedValue(v, 'float32', null));
  // shuffle the file order: planning must follow the dependencies, not the file
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [nodes[i], nodes[j]] = [nodes[j], nodes[i]];
  }
  return makeModel(makeGraph({ nodes, inputs, outputs }));
}

describe('memory plans of seeded random DAGs', () => {
  it('hold the invariants on 200 graphs', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const model = randomDag(seed);
      const plan = planMemory(model);
      expect(plan.unsized).toEqual([]);
      checkPlan(plan);
      checkLifetimes(model, plan);
      // every in-place pair is an element-wise node whose input dies there with the output's size
      for (const p of plan.inPlace) {
        const input = plan.tensors.find((t) => t.name === p.input)!;
        const output = plan.tensors.find((t) => t.name === p.output)!;
        expect(input.end).toBe(output.start);
        expect(input.bytes).toBe(output.bytes);
      }
    }
  });
});
