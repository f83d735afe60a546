// ModelError: the one error the engine throws for bad input (a malformed, unsupported or hostile model,
// a bad feed). It says what is wrong and where, so the UI and the CLI can show it as is.

export interface ModelErrorLocation {
  /** Node name (or op type and index when unnamed). */
  node?: string;
  /** Field or attribute, e.g. "graph.initializer[3].dims" or "attribute kernel_shape". */
  field?: string;
  /** Byte offset in the file, when known. */
  offset?: number;
  /** Line and column (1-based) in a text (the ONNX text syntax). */
  line?: number;
  column?: number;
}

export type ModelErrorCode =
  | 'parse' // not a valid ONNX protobuf
  | 'invalid' // decodes, but breaks an IR rule (cycle, dangling value, type mismatch…)
  | 'unsupported' // valid ONNX the engine does not implement (op, dtype, subgraph execution, external data)
  | 'limit' // exceeds a safety limit (absurd sizes)
  | 'input'; // bad feeds given to run()

export class ModelError extends Error {
  readonly code: ModelErrorCode;
  readonly where: ModelErrorLocation;

  constructor(code: ModelErrorCode, message: string, where: ModelErrorLocation = {}) {
    const at = [
      where.line !== undefined ? `line ${where.line}, column ${where.column}` : '',
      where.node !== undefined ? `node ${where.node}` : '',
      where.field ?? '',
      where.offset !== undefined ? `byte ${where.offset}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super(at ? `${message} (${at})` : message);
    this.name = 'ModelError';
    this.code = code;
    this.where = where;
  }
}

export const isModelError = (e: unknown): e is ModelError => e instanceof ModelError;
