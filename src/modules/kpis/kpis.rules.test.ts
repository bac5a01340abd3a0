import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_FRAMEWORK } from "../ladder/default-framework.ts";
import { DEFAULT_KPIS } from "./default-kpis.ts";
import { buildKpiTrends, checkKpiHeader, normalizeKpiHeader, readKpiRow } from "./kpis.rules.ts";

describe("KPI rules", () => {
  it("defines every KPI code the default framework's levels ask for", () => {
    const codes = new Set(DEFAULT_KPIS.map((k) => k.code));
    const used = DEFAULT_FRAMEWORK.tracks.flatMap((t) => t.levels.flatMap((l) => l.requirements.flatMap((r) => (r.kind === "kpi" ? [r.kpi] : []))));
    assert.ok(used.length > 0);
    for (const code of used) assert.ok(codes.has(code), `${code} has a definition`);
    for (const k of DEFAULT_KPIS) assert.ok(k.direction === "higher" || k.direction === "lower");
  });

  it("reads the columns pharmacy systems name differently and reports missing ones", () => {
    assert.deepEqual(["Employee ID", "KPI Code", "Period End", "Value"].map(normalizeKpiHeader), ["employee_id", "kpi", "period_end", "value"]);
    assert.deepEqual(checkKpiHeader(["employee_id", "value"]).map((e) => e.field), ["kpi", "period_end"]);
  });

  it("names each bad column of a row", () => {
    const codes = new Set(["attendance"]);
    const ok = readKpiRow({ employee_id: "E1", kpi: "Attendance", period_end: "2026-01-31", value: "97.5%" }, 2, codes, "2026-02-10");
    assert.deepEqual(ok.value, { employeeId: "E1", kpi: "attendance", periodEnd: "2026-01-31", value: 97.5 });
    const bad = readKpiRow({ employee_id: "", kpi: "speed", period_end: "2026-03-31", value: "lots" }, 3, codes, "2026-02-10");
    assert.deepEqual(bad.errors.map((e) => [e.row, e.field]), [[3, "employee_id"], [3, "kpi"], [3, "period_end"], [3, "value"]]);
  });

  it("builds one series per KPI in period order, improvement signed by direction", () => {
    const trends = buildKpiTrends(
      [
        { code: "fill-accuracy", name: "Accuracy", unit: "%", direction: "higher" },
        { code: "near-miss-rate", name: "Near misses", unit: "per 1,000", direction: "lower" },
        { code: "attendance", name: "Attendance", unit: "%", direction: "higher" },
      ],
      [
        { kpi: "fill-accuracy", periodEnd: "2026-02-28", value: 99.8 },
        { kpi: "fill-accuracy", periodEnd: "2026-01-31", value: 99.5 },
        { kpi: "near-miss-rate", periodEnd: "2026-01-31", value: 3 },
        { kpi: "near-miss-rate", periodEnd: "2026-02-28", value: 2 },
      ],
    );
    assert.deepEqual(trends[0].points.map((p) => p.periodEnd), ["2026-01-31", "2026-02-28"]);
    assert.equal(trends[0].improvement, 0.3);
    assert.equal(trends[1].improvement, 1);
    assert.deepEqual(trends[2].points, []);
    assert.equal(trends[2].latest, null);
  });
});
