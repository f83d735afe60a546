// Typed access to node attributes, with the spec's defaults. An attribute of the wrong kind is a
// ModelError naming the node and the attribute, not a silent NaN.
import type { Attribute, AttributeType } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import { fail } from './check';
import type { OpContext } from './types';

type ValueByType = { [A in Attribute as A['type']]: A['value'] };
type ValueOf<T extends AttributeType> = ValueByType[T];

/** The attribute's value if present, checked to be of the given kind; undefined if absent. */
export function attr<T extends AttributeType>(ctx: OpContext, name: string, type: T): ValueOf<T> | undefined {
  const a = ctx.node.attributes[name];
  if (a === undefined) return undefined;
  if (a.type !== type)
    fail(ctx, `attribute ${name} must be of type ${type}, got ${a.type}`, `attribute ${name}`);
  return a.value as ValueOf<T>;
}

export const has = (ctx: OpContext, name: string) => ctx.node.attributes[name] !== undefined;

export function requiredAttr<T extends AttributeType>(ctx: OpContext, name: string, type: T): ValueOf<T> {
  const v = attr(ctx, name, type);
  if (v === undefined) fail(ctx, `attribute ${name} is required`, `attribute ${name}`);
  return v;
}

export const attrInt = (ctx: OpContext, name: string, fallback: number): number =>
  attr(ctx, name, 'int') ?? fallback;
export const attrFloat = (ctx: OpContext, name: string, fallback: number): number =>
  attr(ctx, name, 'float') ?? fallback;
export const attrString = (ctx: OpContext, name: string, fallback: string): string =>
  attr(ctx, name, 'string') ?? fallback;
export const attrInts = (ctx: OpContext, name: string): number[] | undefined => attr(ctx, name, 'ints');
export const attrTensor = (ctx: OpContext, name: string): Tensor | undefined => attr(ctx, name, 'tensor');

/** A 0/1 flag attribute. */
export function attrBool(ctx: OpContext, name: string, fallback: boolean): boolean {
  const v = attrInt(ctx, name, fallback ? 1 : 0);
  if (v !== 0 && v !== 1) fail(ctx, `attribute ${name} must be 0 or 1, got ${v}`, `attribute ${name}`);
  return v === 1;
}

/** A string attribute restricted to the spec's choices. */
export function attrChoice<C extends string>(
  ctx: OpContext,
  name: string,
  choices: readonly C[],
  fallback: C,
): C {
  const v = attrString(ctx, name, fallback);
  if (!(choices as readonly string[]).includes(v))
    fail(ctx, `attribute ${name} is "${v}"; expected one of ${choices.join(', ')}`, `attribute ${name}`);
  return v as C;
}
