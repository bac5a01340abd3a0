import { Alert, Anchor, Box, Button, Card, Checkbox, Group, NativeSelect, Pagination, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { BankImport } from "./BankImport.tsx";
import { bankExportUrl, bankPath, examAdminApi, useExamCatalog, type BankList, type BankListItem, type ItemStatus, type PtceOutline } from "./exam-admin.api.ts";
import { itemPagePath, type ItemPageState } from "./ItemEditorPage.tsx";
import { DIFFICULTY_LABELS, domainName, ITEM_STATUS_LABELS, referenceOutline, SOURCE_LABELS } from "./labels.ts";
import { formatStat } from "./stats.ts";
import classes from "./exam-admin.module.css";

export const BANK_PAGE_SIZE = 25;
const STATUSES: ItemStatus[] = ["draft", "published", "retired"];
const SOURCES = ["hand", "table", "custom"] as const;

const PAGINATION_CONTROL_LABELS = { first: "First page", previous: "Previous page", next: "Next page", last: "Last page" } as const;

function readFilters(params: URLSearchParams) {
  return {
    status: params.get("status") ?? "",
    domain: params.get("domain") ?? "",
    subtopic: params.get("subtopic") ?? "",
    source: params.get("source") ?? "",
    q: params.get("q") ?? "",
    page: Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1),
  };
}

/** Bank filters as kept in the URL: ?status=&domain=&subtopic=&source=&q=&page= */
function useBankFilters() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const update = (changes: Partial<typeof filters>) => {
    // From the address bar, not this render: two quick changes must not undo each other.
    const next = { ...readFilters(new URLSearchParams(window.location.search)), page: 1, ...changes };
    const search = new URLSearchParams();
    for (const key of ["status", "domain", "subtopic", "source", "q"] as const) if (next[key]) search.set(key, next[key]);
    if (next.page > 1) search.set("page", String(next.page));
    setParams(search, { replace: !("page" in changes) });
  };
  return [filters, update] as const;
}

function shortStem(stem: string): string {
  return stem.length > 140 ? `${stem.slice(0, 137).trimEnd()}…` : stem;
}

function StatusBadges({ item }: { item: BankListItem }) {
  const status = ITEM_STATUS_LABELS[item.status] ?? { label: item.status, tone: "neutral" as const };
  return (
    <Group gap={4}>
      <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
      {item.status === "draft" ? <ToneBadge tone={item.reviewed ? "good" : "warn"}>{item.reviewed ? "Reviewed" : "Needs review"}</ToneBadge> : null}
    </Group>
  );
}

function ItemLink({ item }: { item: BankListItem }) {
  return (
    <Anchor component={Link} to={itemPagePath(item.code)} fw={600} style={{ overflowWrap: "anywhere" }}>
      {item.code}
    </Anchor>
  );
}

function reportsText(count: number): string {
  return count === 0 ? "None" : formatCount(count, "open report");
}

function BankTable({ items, outline }: { items: BankListItem[]; outline: PtceOutline | undefined }) {
  return (
    <Box visibleFrom="md">
      <ScrollTable caption="Newest version of each item, with statistics from submitted practice attempts" label="Item bank" minWidth={880}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Item</Table.Th>
            <Table.Th scope="col">Subtopic</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col" ta="end">
              Responses
            </Table.Th>
            <Table.Th scope="col" ta="end">
              p-value
            </Table.Th>
            <Table.Th scope="col" ta="end">
              Point-biserial
            </Table.Th>
            <Table.Th scope="col">Reports</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.code}>
              <Table.Td className={classes.stemCell}>
                <ItemLink item={item} />
                <Text size="sm">{shortStem(item.stem)}</Text>
                <Text size="xs" c="gray.7">
                  v{item.version} · {DIFFICULTY_LABELS[item.difficulty] ?? item.difficulty} · {item.kind === "multi" ? "several answers" : "one answer"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.subtopic}</Text>
                <Text size="xs" c="gray.7">
                  {domainName(outline, item.domain)}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadges item={item} />
              </Table.Td>
              <Table.Td ta="end">{item.stats?.responses.toLocaleString() ?? "0"}</Table.Td>
              <Table.Td ta="end">{formatStat(item.stats?.pValue)}</Table.Td>
              <Table.Td ta="end">{formatStat(item.stats?.pointBiserial)}</Table.Td>
              <Table.Td>{item.openFlags > 0 ? <ToneBadge tone="bad">{reportsText(item.openFlags)}</ToneBadge> : "None"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Box>
  );
}

function BankCards({ items, outline }: { items: BankListItem[]; outline: PtceOutline | undefined }) {
  return (
    <Stack component="ul" gap="sm" hiddenFrom="md" aria-label="Item bank" className={classes.plainList}>
      {items.map((item) => (
        <Card component="li" key={item.code} withBorder padding="sm" className={classes.card}>
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" gap="xs">
              <ItemLink item={item} />
              <StatusBadges item={item} />
            </Group>
            <Text size="sm">{shortStem(item.stem)}</Text>
            <Text size="sm" c="gray.7">
              {item.subtopic} · {domainName(outline, item.domain)} · {DIFFICULTY_LABELS[item.difficulty] ?? item.difficulty} · v{item.version}
            </Text>
            <Text size="sm">
              {item.stats
                ? `${formatCount(item.stats.responses, "response")} · p-value ${formatStat(item.stats.pValue)} · point-biserial ${formatStat(item.stats.pointBiserial)}`
                : "No statistics yet"}
              {" · "}
              {reportsText(item.openFlags)}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function CountsTable({ counts, outline }: { counts: BankList["counts"]; outline: PtceOutline | undefined }) {
  const domains = outline?.domains.map((d) => d.code) ?? [...new Set(counts.map((c) => c.domain))];
  const count = (domain: string, status: string) => counts.find((c) => c.domain === domain && c.status === status)?.count ?? 0;
  const total = (status: string) => counts.filter((c) => c.status === status).reduce((n, c) => n + c.count, 0);
  return (
    <ScrollTable caption="Item versions by domain and status, whatever the filters" label="Items by domain" minWidth={480}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Domain</Table.Th>
          {STATUSES.map((status) => (
            <Table.Th scope="col" ta="end" key={status}>
              {ITEM_STATUS_LABELS[status].label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {domains.map((domain) => (
          <Table.Tr key={domain}>
            <Table.Th scope="row" fw={500}>
              {domainName(outline, domain)}
            </Table.Th>
            {STATUSES.map((status) => (
              <Table.Td ta="end" key={status}>
                {count(domain, status).toLocaleString()}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row">All domains</Table.Th>
          {STATUSES.map((status) => (
            <Table.Td ta="end" fw={700} key={status}>
              {total(status).toLocaleString()}
            </Table.Td>
          ))}
        </Table.Tr>
      </Table.Tbody>
    </ScrollTable>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const id = `bank-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

export function BankPage() {
  const session = useSession();
  const location = useLocation();
  const [filters, updateFilters] = useBankFilters();
  const catalog = useExamCatalog();
  const outline = referenceOutline(catalog.data);
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [onlyPublished, setOnlyPublished] = useState(false);
  const [notice, setNotice] = useState<string | undefined>((location.state as ItemPageState | null)?.notice);
  const recompute = useApiAction(examAdminApi.recomputeStats);
  const canWrite = hasRole(session, ["admin"]);

  // The search box and the URL feed each other without one overwriting typing in progress.
  const pushedSearch = useRef(filters.q);
  useEffect(() => {
    if (debouncedSearch === filters.q) return;
    pushedSearch.current = debouncedSearch;
    updateFilters({ q: debouncedSearch });
  }, [debouncedSearch]);
  useEffect(() => {
    if (filters.q === pushedSearch.current) return;
    pushedSearch.current = filters.q;
    setSearch(filters.q);
  }, [filters.q]);

  const list = useApiQuery<BankList>(
    bankPath({
      status: filters.status || undefined,
      domain: filters.domain || undefined,
      subtopic: filters.subtopic || undefined,
      source: filters.source || undefined,
      q: filters.q || undefined,
      page: filters.page,
      pageSize: BANK_PAGE_SIZE,
    }),
    { keepPreviousData: true },
  );
  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / BANK_PAGE_SIZE));
  const domains = outline?.domains ?? [];
  const subtopicChoices = filters.domain
    ? (domains.find((d) => d.code === filters.domain)?.subtopics ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))
    : domains.map((d) => ({ group: d.name, items: d.subtopics.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` })) }));

  const runRecompute = async () => {
    setNotice(undefined);
    const result = await recompute.run();
    if (!result.ok) return;
    const { items, responses, calibrated } = result.value;
    setNotice(`Statistics recomputed from ${formatCount(responses, "answer")}: ${formatCount(items, "item")}, ${calibrated} with enough answers for a calibrated difficulty.`);
    list.reload();
  };

  return (
    <Page
      title="Item bank"
      actions={
        <>
          <Anchor component={Link} to="/exams/flags">
            Reported items
          </Anchor>
          {canWrite ? (
            <Button component={Link} to="/exams/bank/new">
              New item
            </Button>
          ) : null}
        </>
      }
    >
      <Text>
        The practice-exam questions of your organization: the ones Rx Ladder ships and the ones you write. A new item or a change is a draft until
        someone other than its author reviews it and an administrator publishes it.
      </Text>

      <form role="search" aria-label="Filter the item bank" onSubmit={(event) => event.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 5 }} spacing="sm">
          <TextInput type="search" label="Search" placeholder="Words of the question, or a code" value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
          <NativeSelect
            label="Status"
            value={filters.status}
            onChange={(event) => updateFilters({ status: event.currentTarget.value })}
            data={[{ value: "", label: "All statuses" }, ...STATUSES.map((status) => ({ value: status, label: ITEM_STATUS_LABELS[status].label }))]}
          />
          <NativeSelect
            label="Domain"
            value={filters.domain}
            onChange={(event) => updateFilters({ domain: event.currentTarget.value, subtopic: "" })}
            data={[{ value: "", label: "All domains" }, ...domains.map((d) => ({ value: d.code, label: `${d.number}. ${d.name}` }))]}
          />
          <NativeSelect
            label="Subtopic"
            value={filters.subtopic}
            onChange={(event) => updateFilters({ subtopic: event.currentTarget.value })}
            data={[{ value: "", label: "All subtopics" }, ...subtopicChoices]}
          />
          <NativeSelect
            label="Source"
            value={filters.source}
            onChange={(event) => updateFilters({ source: event.currentTarget.value })}
            data={[{ value: "", label: "All sources" }, ...SOURCES.map((source) => ({ value: source, label: SOURCE_LABELS[source] }))]}
          />
        </SimpleGrid>
      </form>

      {notice ? (
        <Alert color="ladderTeal" role="status" withCloseButton onClose={() => setNotice(undefined)} closeButtonLabel="Dismiss message">
          <Text size="sm">{notice}</Text>
        </Alert>
      ) : null}
      <ErrorAlert error={recompute.error} title="Statistics not recomputed" />

      <Text role="status" aria-live="polite" fw={600}>
        {list.data ? `${formatCount(total, "item")} match${total === 1 ? "es" : ""}${pageCount > 1 ? ` · page ${Math.min(filters.page, pageCount)} of ${pageCount}` : ""}` : list.isLoading ? "Loading…" : ""}
      </Text>

      <ErrorAlert error={list.error} onRetry={list.reload} />
      {!list.data && list.isLoading ? <Loading label="Loading the item bank…" /> : null}
      {list.data && list.data.items.length === 0 ? <Text>No item matches these filters.</Text> : null}
      {list.data && list.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: list.isLoading ? 0.6 : 1 }} aria-busy={list.isLoading}>
          <BankTable items={list.data.items} outline={outline} />
          <BankCards items={list.data.items} outline={outline} />
        </Stack>
      ) : null}

      {pageCount > 1 ? (
        <Group component="nav" aria-label="Item bank pages" justify="center">
          <Pagination
            total={pageCount}
            value={Math.min(filters.page, pageCount)}
            onChange={(page) => {
              updateFilters({ page });
              window.scrollTo({ top: 0 });
            }}
            siblings={1}
            boundaries={1}
            getItemProps={(page) => ({ "aria-label": `Page ${page}` })}
            getControlProps={(control) => ({ "aria-label": PAGINATION_CONTROL_LABELS[control] })}
          />
        </Group>
      ) : null}

      {list.data ? (
        <Panel title="Items by domain">
          <CountsTable counts={list.data.counts} outline={outline} />
        </Panel>
      ) : null}

      <Panel title="Statistics">
        <Text size="sm">
          The p-value is the share of answers that were correct; the point-biserial tells how well the item separates stronger from weaker
          technicians (below 0.15 is weak, below 0 suggests a wrong key). They are computed from submitted practice attempts.
        </Text>
        {canWrite ? (
          <Group>
            <Button variant="default" onClick={() => void runRecompute()} loading={recompute.isPending}>
              Recompute statistics
            </Button>
          </Group>
        ) : null}
      </Panel>

      <Panel title="Export">
        <Checkbox label="Published items only" checked={onlyPublished} onChange={(event) => setOnlyPublished(event.currentTarget.checked)} />
        <Group gap="sm">
          <Button component="a" href={bankExportUrl("json", onlyPublished)} variant="default" download>
            Export JSON
          </Button>
          <Button component="a" href={bankExportUrl("csv", onlyPublished)} variant="default" download>
            Export CSV
          </Button>
        </Group>
      </Panel>

      {canWrite ? (
        <Panel title="Import">
          <BankImport onImported={list.reload} />
        </Panel>
      ) : null}
    </Page>
  );
}
