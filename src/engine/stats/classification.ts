// Scoring a classifier from its logits [N, classes]: the predicted class of each row (argmax, the first
// on ties, as ArgMax does), probabilities (a numerically stable softmax), accuracy against labels, the
// confusion matrix, and where two models disagree.
import { ModelError } from '../errors';
import type { Tensor } from '../ir/tensor';

function rowsOf(logits: Tensor): { rows: number; classes: number; data: ArrayLike<number> } {
  if (logits.dims.length !== 2 || logits.dtype === 'string')
    throw new ModelError(
      'input',
      `logits must be a numeric [N, classes] tensor, got [${logits.dims.join(', ')}]`,
      {
        field: 'logits',
      },
    );
  return { rows: logits.dims[0], classes: logits.dims[1], data: logits.data as ArrayLike<number> };
}

/** The index of the largest logit of each row (NaN never wins). */
export function predictions(logits: Tensor): Int32Array {
  const { rows, classes, data } = rowsOf(logits);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (data[r * classes + c] > data[r * classes + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** Softmax of each row, computed after subtracting the row's maximum so that exp never overflows. */
export function softmaxRows(logits: Tensor): Float64Array[] {
  const { rows, classes, data } = rowsOf(logits);
  return Array.from({ length: rows }, (_, r) => {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, data[r * classes + c]);
    const p = new Float64Array(classes);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += p[c] = Math.exp(data[r * classes + c] - max);
    for (let c = 0; c < classes; c++) p[c] /= sum;
    return p;
  });
}

export interface ClassificationScore {
  correct: number;
  total: number;
  /** matrix[label][predicted]: how many images of class `label` were predicted as `predicted`. */
  confusion: number[][];
}

export function scoreClassifier(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): ClassificationScore {
  if (predicted.length !== labels.length)
    throw new ModelError('input', `${predicted.length} predictions for ${labels.length} labels`, {
      field: 'labels',
    });
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const [l, p] = [labels[i], predicted[i]];
    if (!(l >= 0 && l < classes && p >= 0 && p < classes))
      throw new ModelError(
        'input',
        `image ${i}: label ${l} or prediction ${p} is not a class 0–${classes - 1}`,
        {
          field: 'labels',
        },
      );
    confusion[l][p]++;
    if (l === p) correct++;
  }
  return { correct, total: labels.length, confusion };
}

/** Indices where two models predict different classes. */
export function disagreements(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  if (a.length !== b.length)
    throw new ModelError('input', `${a.length} and ${b.length} predictions cannot be compared`);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}
