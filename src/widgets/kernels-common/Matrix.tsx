// A small matrix printed as a table (transform matrices, tiles, vectors), for equations such as
// "Bᵀ · d = Bᵀd": exact fractions for constant matrices, a few significant digits for data.
import type { ReactNode } from 'react';
import { formatFraction, formatSig } from './format';

export function Matrix({
  name,
  values,
  rows,
  cols,
  exact = false,
  mark,
  testId,
}: {
  /** Shown above the matrix and read by screen readers, e.g. "Bᵀ" or "V = Bᵀ d B". */
  name: ReactNode;
  /** Row-major values. */
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Print exact fractions (constant matrices) instead of two significant digits. */
  exact?: boolean;
  /** Cells to outline (e.g. position ξ). */
  mark?: (i: number, j: number) => boolean;
  testId?: string;
}) {
  const format = exact ? formatFraction : (v: number) => formatSig(v, 2);
  return (
    <figure className="kx-matrix" data-testid={testId}>
      <figcaption>{name}</figcaption>
      <table>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i}>
              {Array.from({ length: cols }, (_, j) => {
                const v = values[i * cols + j];
                return (
                  <td
                    key={j}
                    className={`${v < 0 ? 'neg' : v > 0 ? 'pos' : ''}${mark?.(i, j) ? ' marked' : ''}`}
                  >
                    {format(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** An operator between matrices in an equation (·, =, ⊙, +). */
export const Op = ({ children }: { children: ReactNode }) => <span className="kx-op">{children}</span>;

/** The transpose of a row-major matrix (for printing B from Bᵀ, Gᵀ from G, A from Aᵀ). */
export function transpose(m: number[][]): number[][] {
  return m[0].map((_, j) => m.map((row) => row[j]));
}
