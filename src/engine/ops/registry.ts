// Every operator of the reference interpreter, looked up by domain and op type.
import type { OpDef } from './types';

const OPS: OpDef[] = [];

const byKey = new Map(OPS.map((op) => [`${op.domain}::${op.opType}`, op]));

export function lookupOp(domain: string, opType: string): OpDef | undefined {
  return byKey.get(`${domain}::${opType}`);
}

/** Names of the supported operators ("Conv", "com.microsoft::FusedConv"). */
export const supportedOps = (): string[] => OPS.map((op) => (op.domain ? `${op.domain}::${op.opType}` : op.opType));
