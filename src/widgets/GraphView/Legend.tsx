// The key to the colours: operator families, highlight rings in use, and the overlay's colour ramp.
import { useStrings } from '../../ui/i18n';
import { FAMILIES } from './families';
import { graphViewStrings } from './strings';

export interface OverlayLegend {
  title: string;
  min: string;
  max: string;
  /** CSS gradient of the colour scale. */
  ramp: string;
}

export type MarkName = 'removed' | 'added' | 'changed' | 'related' | 'match';

const MARK_COLOUR: Record<MarkName, string> = {
  removed: 'var(--bad)',
  added: 'var(--good)',
  changed: 'var(--warn)',
  related: 'var(--accent)',
  match: 'var(--gv-match)',
};

export function Legend({ marks, overlay }: { marks: MarkName[]; overlay: OverlayLegend | null }) {
  const t = useStrings(graphViewStrings);
  return (
    <ul className="gv-legend" aria-label={t.legend}>
      {FAMILIES.map((f) => (
        <li key={f}>
          <span
            className="gv-swatch"
            style={{ background: `var(--gv-${f}-fill)`, borderColor: `var(--gv-${f}-stroke)` }}
            aria-hidden="true"
          />
          {t.families[f]}
        </li>
      ))}
      {marks.map((m) => (
        <li key={m}>
          <span
            className="gv-swatch ring"
            style={{
              borderColor: MARK_COLOUR[m],
              borderStyle: m === 'removed' || m === 'related' ? 'dashed' : 'solid',
            }}
            aria-hidden="true"
          />
          {t.marks[m]}
        </li>
      ))}
      {overlay && (
        <li>
          {overlay.title}: {overlay.min}
          <span className="gv-ramp" style={{ background: overlay.ramp }} aria-hidden="true" />
          {overlay.max}
        </li>
      )}
    </ul>
  );
}
