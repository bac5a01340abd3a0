/** A small inline SVG line of a KPI's values, with the level threshold as a dashed line; no chart library. */
export function Sparkline({ values, threshold, label, width = 220, height = 48 }: { values: number[]; threshold?: number; label: string; width?: number; height?: number }) {
  if (values.length === 0) return null;
  const all = threshold === undefined ? values : [...values, threshold];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  const pad = 4;
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => height - pad - ((v - min) / span) * (height - 2 * pad);
  const path = values.map((v, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: "100%" }}>
      {threshold !== undefined ? <line x1={0} x2={width} y1={y(threshold)} y2={y(threshold)} stroke="currentColor" strokeOpacity={0.45} strokeDasharray="4 3" /> : null}
      <path d={path} fill="none" stroke="var(--mantine-color-ladderTeal-7, #0b7285)" strokeWidth={2} />
      {values.map((v, i) => (
        <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill="var(--mantine-color-ladderTeal-7, #0b7285)" />
      ))}
    </svg>
  );
}
