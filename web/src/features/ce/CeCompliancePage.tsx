import { Anchor, Box, Button, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatDate } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { siteLabel, useSites } from "../sites/sites.api.ts";
import { CE_REFERENCE_PATH, complianceCsvUrl, compliancePath, type CeReference, type ComplianceList, type ComplianceRow } from "./ce.api.ts";
import { CeSettingsPanel } from "./CeSettingsPanel.tsx";
import { CE_STATUS, daysLeftText, hours } from "./labels.ts";
import classes from "./ce.module.css";

const personCeLink = (row: ComplianceRow) => `/people/${encodeURIComponent(row.personId)}/ce`;

function StatusBadges({ row }: { row: ComplianceRow }) {
  const status = CE_STATUS[row.status];
  return (
    <Group gap={4}>
      <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
      {row.warning && row.status === "short" ? <ToneBadge tone={row.warning.days <= 30 ? "bad" : "warn"}>{`Within ${row.warning.days} days`}</ToneBadge> : null}
      {row.unverifiedHours > 0 ? <ToneBadge tone="pending">{`${hours(row.unverifiedHours)} to verify`}</ToneBadge> : null}
    </Group>
  );
}

function ComplianceCards({ items }: { items: ComplianceRow[] }) {
  return (
    <Stack component="ul" gap="sm" className={classes.plainList} aria-label="CE compliance by person">
      {items.map((row) => (
        <Card component="li" key={`${row.personId}-${row.credentialCode}-${row.state}`} withBorder padding="sm" data-person={row.personId}>
          <Stack gap={4}>
            <Anchor component={Link} to={personCeLink(row)} fw={600}>
              {row.name}
            </Anchor>
            <Text size="sm" className={classes.wrapText}>
              {row.credentialName} · {row.siteCode}
            </Text>
            <Text size="sm">
              {hours(row.hoursCounted)} of {hours(row.hoursNeeded)} · ends {formatDate(row.cycleEndsOn)} ({daysLeftText(row.daysLeft).toLowerCase()})
            </Text>
            {row.missing ? (
              <Text size="sm" c="gray.7">
                Missing: {row.missing}
              </Text>
            ) : null}
            <StatusBadges row={row} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function ComplianceTable({ items }: { items: ComplianceRow[] }) {
  return (
    <ScrollTable caption="Short first, nearest cycle end first" label="CE compliance" minWidth={900}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Site</Table.Th>
          <Table.Th scope="col">Credential</Table.Th>
          <Table.Th scope="col">Cycle ends</Table.Th>
          <Table.Th scope="col" ta="end">
            Hours
          </Table.Th>
          <Table.Th scope="col">Missing</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((row) => (
          <Table.Tr key={`${row.personId}-${row.credentialCode}-${row.state}`} data-person={row.personId}>
            <Table.Td>
              <Anchor component={Link} to={personCeLink(row)}>
                {row.name}
              </Anchor>
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{row.siteCode}</Table.Td>
            <Table.Td>{row.credentialName}</Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                {formatDate(row.cycleEndsOn)}
              </Text>
              <Text size="sm">{daysLeftText(row.daysLeft)}</Text>
            </Table.Td>
            <Table.Td ta="end" style={{ whiteSpace: "nowrap" }}>
              {hours(row.hoursCounted)} / {hours(row.hoursNeeded)}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{row.missing || "Nothing"}</Text>
            </Table.Td>
            <Table.Td>
              <StatusBadges row={row} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

function Summary({ list }: { list: ComplianceList }) {
  const tiles = [
    { key: "short", label: "Short", count: list.counts.short },
    { key: "warned", label: `Short within ${Math.max(...list.warningDays)} days`, count: list.counts.warned },
    { key: "expired", label: "Cycle ended", count: list.counts.expired },
    { key: "complete", label: "Hours complete", count: list.counts.complete },
  ];
  return (
    <SimpleGrid component="ul" cols={{ base: 2, sm: 4 }} spacing="xs" className={classes.plainList} aria-label="CE compliance in numbers">
      {tiles.map((tile) => (
        <Card component="li" key={tile.key} withBorder padding="xs" data-count={tile.key}>
          <Text fz="xl" fw={700}>
            {tile.count}
          </Text>
          <Text size="sm">{tile.label}</Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Who is short of CE for a renewal, at the manager's sites or across the organization. */
export function CeCompliancePage() {
  const session = useSession();
  const isAdmin = hasRole(session, ["admin"]);
  const [params, setParams] = useSearchParams();
  const filters = { siteId: params.get("siteId") ?? "", shortOnly: params.get("short") === "1" };
  const sites = useSites();
  const list = useApiQuery<ComplianceList>(compliancePath(filters), { keepPreviousData: true });
  const reference = useApiQuery<CeReference>(isAdmin ? CE_REFERENCE_PATH : null);
  const siteOptions = (sites.data?.items ?? []).filter((site) => isAdmin || session.managedSiteIds.includes(site.id));

  const update = (changes: Partial<typeof filters>) => {
    const next = { ...filters, ...changes };
    const search = new URLSearchParams();
    if (next.siteId) search.set("siteId", next.siteId);
    if (next.shortOnly) search.set("short", "1");
    setParams(search, { replace: true });
  };

  return (
    <Page
      title="CE compliance"
      actions={
        <>
          <Button component={Link} to="/ce/import" variant="default">
            Import CE
          </Button>
          <Button component="a" href={complianceCsvUrl(filters)} variant="default">
            Export CSV
          </Button>
        </>
      }
    >
      <Group gap="md" align="flex-end">
        <NativeSelect
          label="Site"
          value={filters.siteId}
          onChange={(event) => update({ siteId: event.currentTarget.value })}
          data={[{ value: "", label: isAdmin ? "All sites" : "All my sites" }, ...siteOptions.map((site) => ({ value: site.id, label: siteLabel(site) }))]}
        />
        <Checkbox label="Only people short of CE" checked={filters.shortOnly} onChange={(event) => update({ shortOnly: event.currentTarget.checked })} mb={8} />
      </Group>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {!list.data && !list.error ? <Loading label="Loading CE compliance…" /> : null}
      {list.data ? (
        <>
          <Summary list={list.data} />
          {list.data.items.length === 0 ? (
            <Text>No one here holds a credential with CE renewal rules{filters.shortOnly ? " and is short of CE" : ""}.</Text>
          ) : (
            <>
              <Box hiddenFrom="md">
                <ComplianceCards items={list.data.items} />
              </Box>
              <Box visibleFrom="md">
                <ComplianceTable items={list.data.items} />
              </Box>
            </>
          )}
          {list.data.withoutRules.length > 0 ? (
            <Text size="sm" c="gray.7">
              {list.data.withoutRules.length} state credential{list.data.withoutRules.length === 1 ? "" : "s"} without CE rules (
              {[...new Set(list.data.withoutRules.map((w) => w.state ?? "?"))].join(", ")}): add a state rule set to track them.
            </Text>
          ) : null}
        </>
      ) : null}
      {isAdmin ? (
        <Section title="CE settings and rules" order={2}>
          <ErrorAlert error={reference.error} onRetry={reference.reload} />
          {reference.data ? (
            <CeSettingsPanel
              reference={reference.data}
              onSaved={() => {
                reference.reload();
                list.reload();
              }}
            />
          ) : null}
        </Section>
      ) : null}
    </Page>
  );
}
