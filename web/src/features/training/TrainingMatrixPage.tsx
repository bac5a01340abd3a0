import { Accordion, Anchor, Box, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text } from "@mantine/core";
import type { CSSProperties } from "react";
import { Link, useSearchParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatCount, formatDate } from "../../format.ts";
import { AccessDenied, ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { useFramework } from "../ladder/ladder.api.ts";
import { siteLabel } from "../sites/sites.api.ts";
import classes from "./matrix.module.css";
import { matrixExportPath, matrixPath, type LegendEntry, type Matrix, type MatrixCell, type MatrixFilter, type SkillKind } from "./training.api.ts";
import { useManagedSites } from "./TrainingAssignmentsPage.tsx";

const KINDS: { value: SkillKind; label: string }[] = [
  { value: "certification", label: "Certifications" },
  { value: "training", label: "Trainings" },
  { value: "competency", label: "Competencies" },
];
const KIND_LABEL: Record<SkillKind, string> = { certification: "Certification", training: "Training", competency: "Competency" };
const NEED_LABEL = { "current-level": "needed for the current level", assigned: "assigned", "next-level": "needed for the next level" } as const;

/** Filters kept in the URL: ?siteId=&track=&level=&kinds=training,competency */
function useMatrixFilter(defaultSiteId: string | undefined): [MatrixFilter | null, (changes: Partial<MatrixFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const siteId = params.get("siteId") || defaultSiteId;
  const kinds = params.get("kinds")?.split(",").filter((k): k is SkillKind => KINDS.some((x) => x.value === k));
  const filter = siteId ? { siteId, track: params.get("track") || undefined, level: params.get("level") || undefined, kinds: kinds?.length ? kinds : undefined } : null;
  const update = (changes: Partial<MatrixFilter>) => {
    const next = { ...filter, ...changes };
    const search = new URLSearchParams();
    if (next.siteId) search.set("siteId", next.siteId);
    if (next.track) search.set("track", next.track);
    if (next.track && next.level) search.set("level", next.level);
    if (next.kinds?.length) search.set("kinds", next.kinds.join(","));
    setParams(search, { replace: true });
  };
  return [filter, update];
}

function cellStyle(cell: MatrixCell, legend: Map<string, LegendEntry>, gapColor: string): CSSProperties {
  const entry = legend.get(cell.status)!;
  return { background: entry.fill, color: entry.text, ["--gap-color" as string]: gapColor };
}

function cellLabel(cell: MatrixCell, legend: Map<string, LegendEntry>, gapLabel: string) {
  return `${legend.get(cell.status)!.label}${cell.gap ? ` · ${gapLabel}` : ""}`;
}

function Legend({ matrix }: { matrix: Matrix }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="matrix-legend">
      <Text fw={600} id="matrix-legend">
        Legend
      </Text>
      <ul className={classes.legend}>
        {matrix.legend.map((entry) => (
          <li key={entry.status}>
            <span className={classes.swatch} style={{ background: entry.fill, color: entry.text }}>
              {entry.label}
            </span>
            <Text size="sm">{entry.description}</Text>
          </li>
        ))}
        <li>
          <span className={`${classes.swatch} ${classes.gap}`} style={{ ["--gap-color" as string]: matrix.gap.border }}>
            … · {matrix.gap.label}
          </span>
          <Text size="sm">{matrix.gap.description}</Text>
        </li>
      </ul>
    </Stack>
  );
}

function MatrixTable({ matrix }: { matrix: Matrix }) {
  const legend = new Map(matrix.legend.map((l) => [l.status, l]));
  return (
    <div className={classes.scroller} tabIndex={0} role="region" aria-label={`Training matrix of ${matrix.site.code}`}>
      <table className={classes.table}>
        <caption>
          {matrix.site.code} · {matrix.site.name}, as of {formatDate(matrix.asOf)}. Scroll sideways for more skills; names stay in view.
        </caption>
        <thead>
          <tr>
            <th scope="col" className={classes.name}>
              Name
            </th>
            {matrix.skills.map((skill) => (
              <th scope="col" key={skill.key}>
                <span className={classes.kind}>{KIND_LABEL[skill.kind]}</span>
                {skill.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.personId}>
              <th scope="row" className={classes.name}>
                <Anchor component={Link} to={`/people/${row.personId}/ladder`}>
                  {row.lastName}, {row.firstName}
                </Anchor>
                <span className={classes.level}>{row.levels.join(", ") || "No level yet"}</span>
              </th>
              {row.cells.map((cell, i) => (
                <td key={matrix.skills[i].key} className={`${classes.cell} ${cell.gap ? classes.gap : ""}`} style={cellStyle(cell, legend, matrix.gap.border)} title={cell.detail} data-status={cell.status} data-skill={matrix.skills[i].key}>
                  {cellLabel(cell, legend, matrix.gap.label)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** On a phone: one entry per person, gaps and lapses first. */
function MatrixList({ matrix }: { matrix: Matrix }) {
  const legend = new Map(matrix.legend.map((l) => [l.status, l]));
  const rank = (c: MatrixCell) => (c.gap ? 0 : c.status === "expired" ? 1 : c.status === "expiring" ? 2 : c.status === "in-training" ? 3 : c.status === "not-started" ? 4 : 5);
  return (
    <Accordion multiple variant="separated" aria-label={`Training matrix of ${matrix.site.code}, by person`}>
      {matrix.rows.map((row) => {
        const gaps = row.cells.filter((c) => c.gap).length;
        const cells = row.cells.map((cell, i) => ({ cell, skill: matrix.skills[i] })).sort((a, b) => rank(a.cell) - rank(b.cell));
        return (
          <Accordion.Item key={row.personId} value={row.personId}>
            <Accordion.Control>
              <Text fw={600}>
                {row.lastName}, {row.firstName}
              </Text>
              <Text size="sm">
                {row.levels.join(", ") || "No level yet"} · {formatCount(gaps, "gap")}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <ul className={classes.personSkills} aria-label={`Skills of ${row.firstName} ${row.lastName}`}>
                {cells.map(({ cell, skill }) => (
                  <li key={skill.key}>
                    <Text size="sm">
                      {skill.name}
                      <Text span size="xs" c="gray.7" display="block">
                        {KIND_LABEL[skill.kind]}
                        {cell.need ? `, ${NEED_LABEL[cell.need]}` : ""} · {cell.detail}
                      </Text>
                    </Text>
                    <span className={`${classes.swatch} ${cell.gap ? classes.gap : ""}`} style={cellStyle(cell, legend, matrix.gap.border)}>
                      {cellLabel(cell, legend, matrix.gap.label)}
                    </span>
                  </li>
                ))}
              </ul>
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}

/** A site's training matrix for its manager or an admin, with filters, legend and exports. */
export function TrainingMatrixPage() {
  const sites = useManagedSites();
  const [filter, update] = useMatrixFilter(sites.items[0]?.id);
  const framework = useFramework();
  const matrix = useApiQuery<Matrix>(filter ? matrixPath(filter) : null, { keepPreviousData: true });
  if (matrix.error?.status === 403) return <AccessDenied />;
  const tracks = framework.data?.definition.tracks ?? [];
  const track = tracks.find((t) => t.code === filter?.track);
  const data = matrix.data;

  return (
    <Page
      title="Training matrix"
      actions={
        <Anchor component={Link} to="/training/assignments">
          Training assignments
        </Anchor>
      }
    >
      <form role="search" aria-label="Filter the matrix" onSubmit={(event) => event.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <NativeSelect label="Site" value={filter?.siteId ?? ""} onChange={(event) => update({ siteId: event.currentTarget.value })} data={sites.items.map((s) => ({ value: s.id, label: siteLabel(s) }))} />
          <NativeSelect
            label="Track"
            value={filter?.track ?? ""}
            onChange={(event) => update({ track: event.currentTarget.value || undefined, level: undefined })}
            data={[{ value: "", label: "All tracks" }, ...tracks.map((t) => ({ value: t.code, label: t.name }))]}
          />
          <NativeSelect
            label="Level"
            value={filter?.level ?? ""}
            disabled={!track}
            onChange={(event) => update({ level: event.currentTarget.value || undefined })}
            data={[{ value: "", label: track ? "All levels of the track" : "Choose a track first" }, ...(track?.levels ?? []).map((l) => ({ value: l.code, label: l.name }))]}
          />
          <Checkbox.Group label="Skills" value={filter?.kinds ?? KINDS.map((k) => k.value)} onChange={(values) => update({ kinds: values.length === KINDS.length || values.length === 0 ? undefined : (values as SkillKind[]) })}>
            <Group gap="sm" mt={6}>
              {KINDS.map((k) => (
                <Checkbox key={k.value} value={k.value} label={k.label} />
              ))}
            </Group>
          </Checkbox.Group>
        </SimpleGrid>
      </form>

      {!filter && sites.data ? <Text>You manage no site, so there is no matrix to show.</Text> : null}
      <ErrorAlert error={matrix.error} onRetry={matrix.reload} />
      {!data && matrix.isLoading ? <Loading /> : null}
      {data && filter ? (
        <Stack gap="md" style={{ opacity: matrix.isLoading ? 0.6 : 1 }} aria-busy={matrix.isLoading}>
          <Group justify="space-between" align="center" gap="sm">
            <Text role="status" aria-live="polite" fw={600}>
              {formatCount(data.rows.length, "person", "people")} × {formatCount(data.skills.length, "skill")} · {formatCount(data.counts.gaps, "gap")} · {data.counts.qualified} qualified · {data.counts.expiring} expiring · {data.counts.expired} expired
            </Text>
            <Group gap="xs">
              <Button component="a" href={matrixExportPath(filter, "xlsx")} download variant="default" size="sm">
                Export XLSX
              </Button>
              <Button component="a" href={matrixExportPath(filter, "csv")} download variant="default" size="sm">
                Export CSV
              </Button>
            </Group>
          </Group>
          <Legend matrix={data} />
          {data.rows.length === 0 ? (
            <Text>No technicians or mentors here{data.filter.levelName ? ` at ${data.filter.levelName}` : data.filter.trackName ? ` on ${data.filter.trackName}` : ""}.</Text>
          ) : (
            <>
              <Box visibleFrom="sm">
                <MatrixTable matrix={data} />
              </Box>
              <Box hiddenFrom="sm">
                <MatrixList matrix={data} />
              </Box>
            </>
          )}
        </Stack>
      ) : null}
    </Page>
  );
}
