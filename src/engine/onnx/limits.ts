// Safety limits for reading untrusted files: a hostile model must not make the engine allocate absurd
// amounts of memory or recurse without bound. They are far above anything the course's models need.

/** Largest tensor the engine will materialize (elements). 2^28 float32 = 1 GiB. */
export const MAX_TENSOR_ELEMENTS = 2 ** 28;
/** Largest rank accepted for a tensor or shape. */
export const MAX_RANK = 32;
/** Deepest nesting of subgraphs (If/Loop/Scan bodies inside bodies). */
export const MAX_GRAPH_DEPTH = 16;
