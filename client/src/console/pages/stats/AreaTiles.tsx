// The 9 areas as tiles, shaded by substantiation rate or ranking score: the map
// leadership reads at a glance (no geography needed, and no map data to ship).
import type { StatsText } from './statsText';

export interface AreaTile {
  area: string;
  name: string;
  /** 0–1; null when there is nothing to show. */
  value: number | null;
  label: string;
  /** Why there is no value (e.g. nothing concluded), shown under it. */
  note?: string;
}

/** White → red: darker is higher; never so dark that the dark text drops below 4.5:1. */
function shade(value: number | null): string {
  if (value === null) return '#f5f5f5';
  const lightness = 96 - Math.round(value * 36);
  return `hsl(4, 70%, ${lightness}%)`;
}

export function AreaTiles({ tiles, text }: { tiles: AreaTile[]; text: StatsText }) {
  return (
    <div className="stats-tiles" role="list" aria-label={text.areas}>
      {tiles.map((t) => (
        <div
          key={t.area}
          role="listitem"
          className="stats-tile"
          data-area={t.area}
          style={{ background: shade(t.value), color: '#1a1a1a' }}
        >
          <div className="stats-tile-name">{t.name}</div>
          <div className="stats-tile-value">{t.label}</div>
          {t.note && <div className="stats-tile-note">{t.note}</div>}
        </div>
      ))}
    </div>
  );
}
