import { Alert, Box, Card, Checkbox, Group, Modal, NativeSelect, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatCount, formatDate } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { AccessDenied, ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { siteLabel, useSites } from "../sites/sites.api.ts";
import { pipelinePath, useExamCatalog, type ExamCatalog, type ExamRecord, type PipelineBoard, type PipelineEntry, type PipelineStage } from "./exam-admin.api.ts";
import { percent, readinessText, STAGE_LABELS, STAGES } from "./labels.ts";
import {
  attentionText,
  AttentionBadges,
  daysLeftText,
  examText,
  PersonLink,
  PipelineActionButtons,
  PipelineCard,
  type PipelineActions,
} from "./PipelineCard.tsx";
import { PipelineSettingsPanel } from "./PipelineSettingsPanel.tsx";
import { RecordResultForm } from "./RecordResultForm.tsx";
import { ScheduleExamForm } from "./ScheduleExamForm.tsx";
import classes from "./exam-admin.module.css";

const SORTS = {
  attention: "Overdue and at risk first",
  deadline: "Deadline",
  readiness: "Readiness",
  name: "Name",
} as const;
type Sort = keyof typeof SORTS;
type View = "board" | "table";

/** Board filters as kept in the URL: ?siteId=&attention=1&view=table&sort= */
function readFilters(params: URLSearchParams) {
  const sortParam = params.get("sort");
  return {
    siteId: params.get("siteId") ?? "",
    attentionOnly: params.get("attention") === "1",
    view: (params.get("view") === "table" ? "table" : "board") as View,
    sort: (sortParam && sortParam in SORTS ? sortParam : "attention") as Sort,
  };
}

function usePipelineFilters() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const update = (changes: Partial<typeof filters>) => {
    // From the address bar, not this render: two quick changes must not undo each other.
    const next = { ...readFilters(new URLSearchParams(window.location.search)), ...changes };
    const search = new URLSearchParams();
    if (next.siteId) search.set("siteId", next.siteId);
    if (next.attentionOnly) search.set("attention", "1");
    if (next.view !== "board") search.set("view", next.view);
    if (next.sort !== "attention") search.set("sort", next.sort);
    setParams(search, { replace: true });
  };
  return [filters, update] as const;
}

const byName = (a: PipelineEntry, b: PipelineEntry) => a.name.localeCompare(b.name);

/** The API already puts overdue, then at risk, then the nearest deadline first. */
function sortEntries(items: readonly PipelineEntry[], sort: Sort): PipelineEntry[] {
  const sorted = [...items];
  if (sort === "name") return sorted.sort(byName);
  if (sort === "deadline") return sorted.sort((a, b) => a.status.daysLeft - b.status.daysLeft || byName(a, b));
  if (sort === "readiness") return sorted.sort((a, b) => (b.readiness?.probability ?? -1) - (a.readiness?.probability ?? -1) || byName(a, b));
  return sorted;
}

const stageSectionId = (stage: PipelineStage) => `stage-${stage}`;

function Summary({ board }: { board: PipelineBoard }) {
  const tiles: { key: string; label: string; count: number; href?: string; tone?: "bad" | "warn" }[] = [
    { key: "overdue", label: "Overdue", count: board.counts.overdue, tone: "bad" },
    { key: "atRisk", label: "At risk", count: board.counts.atRisk, tone: "warn" },
    ...STAGES.map((stage) => ({ key: stage, label: STAGE_LABELS[stage].label, count: board.counts[stage] ?? 0, href: board.counts[stage] ? `#${stageSectionId(stage)}` : undefined })),
  ];
  return (
    <SimpleGrid component="ul" cols={{ base: 2, xs: 4, lg: 8 }} spacing="xs" className={classes.plainList} aria-label="People by stage">
      {tiles.map((tile) => {
        const color = tile.tone === "bad" && tile.count > 0 ? "red.9" : tile.tone === "warn" && tile.count > 0 ? "#5c3c00" : undefined;
        const body = (
          <>
            <Text component="span" className={classes.count} c={color}>
              {tile.count}
            </Text>
            <Text component="span" size="sm" className={classes.countLabel}>
              {tile.label}
            </Text>
          </>
        );
        return (
          <Card component="li" key={tile.key} withBorder padding="xs" data-count={tile.key}>
            {tile.href ? (
              <a href={tile.href} className={classes.countLink}>
                {body}
              </a>
            ) : (
              body
            )}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

interface ListProps extends PipelineActions {
  items: PipelineEntry[];
  threshold: number;
}

function StageBoard({ items, ...props }: ListProps) {
  const stages = STAGES.filter((stage) => items.some((entry) => entry.status.stage === stage));
  const empty = STAGES.filter((stage) => !stages.includes(stage));
  return (
    <Stack gap="md">
      {stages.map((stage) => {
        const inStage = items.filter((entry) => entry.status.stage === stage);
        const headingId = `${stageSectionId(stage)}-heading`;
        return (
          <Card key={stage} withBorder padding="md" component="section" aria-labelledby={headingId} id={stageSectionId(stage)} data-stage={stage}>
            <Stack gap="sm">
              <div>
                <Title order={2} fz="h3" id={headingId}>
                  {STAGE_LABELS[stage].label} · {inStage.length}
                </Title>
                <Text size="sm" c="gray.7">
                  {STAGE_LABELS[stage].description}
                </Text>
              </div>
              <SimpleGrid component="ul" cols={{ base: 1, sm: 2, xl: 3 }} spacing="sm" className={classes.plainList} aria-label={`${STAGE_LABELS[stage].label}: people`}>
                {inStage.map((entry) => (
                  <PipelineCard key={entry.personId} entry={entry} {...props} />
                ))}
              </SimpleGrid>
            </Stack>
          </Card>
        );
      })}
      {empty.length > 0 ? (
        <Text size="sm" c="gray.7">
          No one {empty.length === 1 ? "is at the stage" : "is at the stages"} {empty.map((stage) => STAGE_LABELS[stage].label).join(", ")}.
        </Text>
      ) : null}
    </Stack>
  );
}

function PipelineTable({ items, threshold, ...actions }: ListProps) {
  return (
    <>
      <Box visibleFrom="md">
        <ScrollTable caption="Technicians working toward national certification" label="Certification pipeline" minWidth={980}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Site</Table.Th>
              <Table.Th scope="col">Stage</Table.Th>
              <Table.Th scope="col">Deadline</Table.Th>
              <Table.Th scope="col">Readiness</Table.Th>
              <Table.Th scope="col">Practice</Table.Th>
              <Table.Th scope="col">Exam</Table.Th>
              {actions.canManage ? <Table.Th scope="col">Action</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((entry) => (
              <Table.Tr key={entry.personId} data-person={entry.personId}>
                <Table.Td>
                  <PersonLink entry={entry} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{entry.siteCode}</Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <ToneBadge tone={STAGE_LABELS[entry.status.stage].tone}>{STAGE_LABELS[entry.status.stage].label}</ToneBadge>
                    <AttentionBadges entry={entry} />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                    {formatDate(entry.status.deadline)}
                  </Text>
                  <Text size="sm">{daysLeftText(entry)}</Text>
                  {attentionText(entry) ? (
                    <Text size="xs" c={entry.status.overdue ? "red.9" : "#5c3c00"} fw={600}>
                      {attentionText(entry)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{readinessText(entry.readiness)}</Text>
                  {entry.readiness && entry.readiness.probability >= threshold && entry.status.stage !== "passed" ? (
                    <Text size="xs" c="gray.7">
                      At the {percent(threshold)} threshold
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {entry.lastPracticeOn ? (
                    <>
                      <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                        {formatDate(entry.lastPracticeOn)}
                      </Text>
                      <Text size="sm">{formatCount(entry.practiceAttempts, "attempt")}</Text>
                    </>
                  ) : (
                    "No practice yet"
                  )}
                </Table.Td>
                <Table.Td>{examText(entry) ?? "—"}</Table.Td>
                {actions.canManage ? (
                  <Table.Td>
                    <PipelineActionButtons entry={entry} {...actions} />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Box>
      <SimpleGrid component="ul" cols={{ base: 1, sm: 2 }} spacing="sm" hiddenFrom="md" className={classes.plainList} aria-label="Certification pipeline">
        {items.map((entry) => (
          <PipelineCard key={entry.personId} entry={entry} showStage threshold={threshold} {...actions} />
        ))}
      </SimpleGrid>
    </>
  );
}

type Dialog = { kind: "schedule"; entry: PipelineEntry } | { kind: "result"; entry: PipelineEntry; record: ExamRecord } | null;

function ActionDialog({ dialog, catalog, onClose, onDone }: { dialog: Dialog; catalog: ExamCatalog | undefined; onClose: () => void; onDone: (message: string) => void }) {
  const isPhone = useMediaQuery("(max-width: 47.99em)");
  const title = !dialog ? "" : dialog.kind === "schedule" ? `Record an exam scheduled for ${dialog.entry.name}` : `Record the result of ${dialog.entry.name}'s exam`;
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={title} size="lg" fullScreen={isPhone} closeButtonProps={{ "aria-label": "Close" }}>
      {dialog?.kind === "schedule" ? <ScheduleExamForm entry={dialog.entry} catalog={catalog} onScheduled={onDone} onCancel={onClose} /> : null}
      {dialog?.kind === "result" ? <RecordResultForm entry={dialog.entry} record={dialog.record} catalog={catalog} onRecorded={onDone} onCancel={onClose} /> : null}
    </Modal>
  );
}

export function PipelinePage() {
  const session = useSession();
  const [filters, updateFilters] = usePipelineFilters();
  const sites = useSites();
  const catalog = useExamCatalog();
  const board = useApiQuery<PipelineBoard>(pipelinePath(filters.siteId || undefined), { keepPreviousData: true });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string>();
  const canManage = hasRole(session, ["manager", "admin"]);
  const isAdmin = hasRole(session, ["admin"]);

  if (board.error?.status === 403) return <AccessDenied />;

  // Managers and pharmacists see their own sites; the API scopes the board the same way.
  const siteChoices = (sites.data?.items ?? []).filter((site) =>
    isAdmin ? true : session.person.role === "manager" ? session.managedSiteIds.includes(site.id) : site.id === session.person.siteId,
  );
  const all = board.data?.items ?? [];
  const shown = sortEntries(filters.attentionOnly ? all.filter((e) => e.status.overdue || e.status.atRisk) : all, filters.sort);
  const threshold = board.data?.settings.readinessThreshold ?? 0.7;
  const actions: PipelineActions = {
    canManage,
    onSchedule: (entry) => setDialog({ kind: "schedule", entry }),
    onRecordResult: (entry, record) => setDialog({ kind: "result", entry, record }),
  };

  return (
    <Page title="Certification pipeline">
      <Text>
        Technicians without a national certification (PTCB CPhT or NHA ExCPT), from hire to a passed exam, against the deadline of{" "}
        {board.data ? `${board.data.settings.deadlineMonths} months after hire` : "your organization"}. Readiness is the estimated chance of
        passing from practice answers, with its interval{board.data ? `; ${percent(threshold)} or more counts as ready` : ""}.
      </Text>

      <form role="search" aria-label="Filter the pipeline" onSubmit={(event) => event.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
          <NativeSelect
            label="Site"
            error={sites.error ? "Sites could not be loaded" : undefined}
            value={filters.siteId}
            onChange={(event) => updateFilters({ siteId: event.currentTarget.value })}
            data={[{ value: "", label: isAdmin ? "All sites" : "All my sites" }, ...siteChoices.map((site) => ({ value: site.id, label: siteLabel(site) }))]}
          />
          <NativeSelect
            label="Sort by"
            value={filters.sort}
            onChange={(event) => updateFilters({ sort: event.currentTarget.value as Sort })}
            data={(Object.keys(SORTS) as Sort[]).map((value) => ({ value, label: SORTS[value] }))}
          />
          <Checkbox
            label="Overdue and at risk only"
            checked={filters.attentionOnly}
            onChange={(event) => updateFilters({ attentionOnly: event.currentTarget.checked })}
            mt={{ base: 0, xs: 30 }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="pipeline-view-label">
              Show as
            </Text>
            <SegmentedControl
              aria-labelledby="pipeline-view-label"
              value={filters.view}
              onChange={(value) => updateFilters({ view: value as View })}
              data={[
                { value: "board", label: "Board by stage" },
                { value: "table", label: "Table" },
              ]}
            />
          </Stack>
        </SimpleGrid>
      </form>

      {notice ? (
        <Alert color="ladderTeal" role="status" withCloseButton onClose={() => setNotice(undefined)} closeButtonLabel="Dismiss message">
          <Text size="sm">{notice}</Text>
        </Alert>
      ) : null}

      <ErrorAlert error={board.error} onRetry={board.reload} />
      {!board.data && board.isLoading ? <Loading label="Loading the pipeline…" /> : null}
      {board.data ? (
        <Stack gap="md" style={{ opacity: board.isLoading ? 0.6 : 1 }} aria-busy={board.isLoading}>
          <Summary board={board.data} />
          <Text role="status" aria-live="polite" fw={600}>
            {`${formatCount(shown.length, "person", "people")} shown`}
            {board.data.counts.overdue + board.data.counts.atRisk > 0
              ? ` · ${formatCount(board.data.counts.overdue, "person", "people")} overdue, ${board.data.counts.atRisk} at risk`
              : " · no one overdue or at risk"}
          </Text>
          {!canManage ? <Text size="sm" c="gray.7">Managers and administrators record scheduled exams and results.</Text> : null}
          {all.length === 0 ? <Text>No technician here is working toward a national certification.</Text> : null}
          {all.length > 0 && shown.length === 0 ? <Text>No one is overdue or at risk.</Text> : null}
          {shown.length > 0 ? (
            filters.view === "table" ? (
              <PipelineTable items={shown} threshold={threshold} {...actions} />
            ) : (
              <StageBoard items={shown} threshold={threshold} {...actions} />
            )
          ) : null}
        </Stack>
      ) : null}

      {board.data ? (
        <Card withBorder padding="md" component="section" aria-labelledby="pipeline-settings-heading">
          <Stack gap="sm">
            <Title order={2} fz="h3" id="pipeline-settings-heading">
              Settings
            </Title>
            {isAdmin ? (
              <PipelineSettingsPanel settings={board.data.settings} catalog={catalog.data} onSaved={board.reload} />
            ) : (
              <Text size="sm">
                Deadline {board.data.settings.deadlineMonths} months after hire · ready at {percent(threshold)} · PTCE outline:{" "}
                {catalog.data?.outlines.find((o) => o.code === board.data?.settings.pinnedOutline)?.name ?? "the one in force"}. Administrators change these.
              </Text>
            )}
          </Stack>
        </Card>
      ) : null}

      <ActionDialog
        dialog={dialog}
        catalog={catalog.data}
        onClose={() => setDialog(null)}
        onDone={(message) => {
          setDialog(null);
          setNotice(message);
          board.reload();
        }}
      />
    </Page>
  );
}
