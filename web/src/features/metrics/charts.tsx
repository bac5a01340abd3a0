import { useId } from "react";

/** Line colours with at least 4.5:1 contrast on white, told apart by dash pattern as well. */
export const SERIES_STYLES = [
  { color: "#1c5d99", dash: undefined },
  { color: "#a4262c", dash: "6 4" },
  { color: "#2f6b1f", dash: "2 3" },
  { color: "#6b3fa0", dash: "10 3 2 3" },
  { color: "#8a5a00", dash: "4 2" },
  { color: "#334155", dash: "1 2" },
] as const;

export interface Series {
  name: string;
  /** One value per x position; null leaves a gap. */
  values: (number | null)[];
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 48, right: 12, top: 12, bottom: 32 };

function scale(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  return (x: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((x - d0) / (d1 - d0)) * (r1 - r0));
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((m) => m >= value)!;
}

/**
 * A line chart as SVG with a title and a description for screen readers; the numbers are in the
 * table beside it. `step` draws a step function (survival curves), `bands` shaded intervals.
 */
export function LineChart({
  title,
  description,
  xLabels,
  series,
  format,
  maxY,
  step = false,
  bands,
}: {
  title: string;
  description: string;
  xLabels: string[];
  series: Series[];
  format: (y: number) => string;
  maxY?: number;
  step?: boolean;
  bands?: { lower: (number | null)[]; upper: (number | null)[] }[];
}) {
  const id = useId();
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = maxY ?? niceMax(Math.max(0, ...values));
  const x = scale([0, Math.max(1, xLabels.length - 1)], [PAD.left, WIDTH - PAD.right]);
  const y = scale([0, top], [HEIGHT - PAD.bottom, PAD.top]);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * top);
  const every = Math.max(1, Math.ceil(xLabels.length / 8));

  const path = (vals: (number | null)[]) => {
    let d = "";
    let open = false;
    vals.forEach((v, i) => {
      if (v === null) {
        open = false;
        return;
      }
      if (!open) d += `M${x(i)},${y(v)}`;
      else if (step) d += `H${x(i)}V${y(v)}`;
      else d += `L${x(i)},${y(v)}`;
      open = true;
    });
    return d;
  };
  const area = (lower: (number | null)[], upper: (number | null)[]) => {
    const idx = upper.map((u, i) => (u !== null && lower[i] !== null ? i : -1)).filter((i) => i >= 0);
    if (idx.length < 2) return "";
    const topLine = idx.map((i, k) => `${k === 0 ? "M" : "L"}${x(i)},${y(upper[i]!)}`).join("");
    const bottomLine = [...idx].reverse().map((i) => `L${x(i)},${y(lower[i]!)}`).join("");
    return `${topLine}${bottomLine}Z`;
  };

  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} style={{ maxWidth: WIDTH, display: "block" }}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="#d0d7de" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#3b4350">
              {format(t)}
            </text>
          </g>
        ))}
        {xLabels.map((label, i) =>
          i % every === 0 || i === xLabels.length - 1 ? (
            <text key={label} x={x(i)} y={HEIGHT - 10} textAnchor="middle" fontSize="11" fill="#3b4350">
              {label}
            </text>
          ) : null,
        )}
        {bands?.map((b, i) => <path key={`band-${i}`} d={area(b.lower, b.upper)} fill={SERIES_STYLES[i % SERIES_STYLES.length].color} opacity={0.12} />)}
        {series.map((s, i) => {
          const style = SERIES_STYLES[i % SERIES_STYLES.length];
          return <path key={s.name} d={path(s.values)} fill="none" stroke={style.color} strokeWidth={2} strokeDasharray={style.dash} />;
        })}
      </svg>
      <figcaption>
        <ul aria-label={`Legend: ${title}`} style={{ display: "flex", flexWrap: "wrap", gap: "0.75rem", listStyle: "none", padding: 0, margin: "0.25rem 0 0", fontSize: "0.875rem" }}>
          {series.map((s, i) => {
            const style = SERIES_STYLES[i % SERIES_STYLES.length];
            return (
              <li key={s.name} style={{ display: "flex", alignItems: "center", gap: 6 }}>
                <svg width="28" height="10" aria-hidden="true">
                  <line x1="0" x2="28" y1="5" y2="5" stroke={style.color} strokeWidth={2} strokeDasharray={style.dash} />
                </svg>
                {s.name}
              </li>
            );
          })}
        </ul>
      </figcaption>
    </figure>
  );
}

/** A horizontal bar inside a table cell; the number it shows is in the next cell. */
export function Bar({ share }: { share: number }) {
  return (
    <div aria-hidden="true" style={{ background: "#e7ecf2", borderRadius: 3, height: 10, minWidth: 80 }}>
      <div style={{ width: `${Math.round(Math.max(0, Math.min(1, share)) * 100)}%`, background: SERIES_STYLES[0].color, height: 10, borderRadius: 3 }} />
    </div>
  );
}
