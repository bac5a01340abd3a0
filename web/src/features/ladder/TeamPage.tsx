import { Alert, Anchor, Box, Button, Card, Checkbox, Group, Modal, NativeSelect, Progress, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatCount, formatDate, fullName } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { AccessDenied, ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { NominationForm } from "../promotions/NominationForm.tsx";
import { siteLabel, useSites } from "../sites/sites.api.ts";
import { personLadderPath, teamPath, useFramework, type PersonLadder, type TeamMember } from "./ladder.api.ts";
import { ToneBadge } from "./ToneBadge.tsx";
import classes from "./ladder.module.css";

const SORTS = {
  percent: "Percent complete",
  name: "Name",
  expiring: "Expiring items",
} as const;
type Sort = keyof typeof SORTS;

function byName(a: TeamMember, b: TeamMember): number {
  return a.person.lastName.localeCompare(b.person.lastName) || a.person.firstName.localeCompare(b.person.firstName);
}

function sortTeam(items: readonly TeamMember[], sort: Sort): TeamMember[] {
  const sorted = [...items];
  if (sort === "name") return sorted.sort(byName);
  if (sort === "expiring") return sorted.sort((a, b) => (b.next?.expiring ?? 0) - (a.next?.expiring ?? 0) || byName(a, b));
  return sorted.sort((a, b) => (b.next?.percent ?? -1) - (a.next?.percent ?? -1) || byName(a, b));
}

/** Team filters as kept in the URL: ?siteId=&eligible=1&sort= */
function useTeamFilters() {
  const [params, setParams] = useSearchParams();
  const sortParam = params.get("sort");
  const filters = {
    siteId: params.get("siteId") ?? "",
    eligibleOnly: params.get("eligible") === "1",
    sort: (sortParam && sortParam in SORTS ? sortParam : "percent") as Sort,
  };
  const update = (changes: Partial<typeof filters>) => {
    const next = { ...filters, ...changes };
    const search = new URLSearchParams();
    if (next.siteId) search.set("siteId", next.siteId);
    if (next.eligibleOnly) search.set("eligible", "1");
    if (next.sort !== "percent") search.set("sort", next.sort);
    setParams(search, { replace: true });
  };
  return [filters, update] as const;
}

function PersonLink({ member }: { member: TeamMember }) {
  return (
    <Anchor component={Link} to={`/people/${member.person.id}/ladder`} fw={600} style={{ whiteSpace: "nowrap" }}>
      {member.person.lastName}, {member.person.firstName}
    </Anchor>
  );
}

function Percent({ member }: { member: TeamMember }) {
  if (!member.next) return <Text size="sm">{member.current ? "Top of the ladder" : "—"}</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={member.next.percent} size="md" className={classes.grow} miw={64} aria-label={`${fullName(member.person)}: progress toward ${member.next.levelName}`} />
      <Text size="sm" w={40} ta="end">
        {member.next.percent}%
      </Text>
    </Group>
  );
}

function Standing({ member }: { member: TeamMember }) {
  if (member.pendingPromotionId) return <ToneBadge tone="pending">Nominated</ToneBadge>;
  if (member.next?.eligible) return <ToneBadge tone="good">Eligible</ToneBadge>;
  return null;
}

function Counts({ member }: { member: TeamMember }) {
  if (!member.next) return null;
  return (
    <Text size="sm">
      {formatCount(member.next.missing, "missing item")} · {formatCount(member.next.expiring, "expiring item")}
    </Text>
  );
}

interface RowProps {
  member: TeamMember;
  canNominate: boolean;
  onNominate: (member: TeamMember) => void;
}

function NominateButton({ member, canNominate, onNominate }: RowProps) {
  if (!canNominate || !member.next?.eligible || member.pendingPromotionId) return null;
  return (
    <Button size="xs" onClick={() => onNominate(member)} aria-label={`Nominate ${fullName(member.person)}`}>
      Nominate
    </Button>
  );
}

function TeamTable({ items, ...rowProps }: { items: TeamMember[] } & Omit<RowProps, "member">) {
  return (
    <Box visibleFrom="md">
      <ScrollTable caption="Readiness for the next level" label="Team readiness" minWidth={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Site</Table.Th>
            <Table.Th scope="col">Current level</Table.Th>
            <Table.Th scope="col">Next level</Table.Th>
            <Table.Th scope="col" w={180}>
              Complete
            </Table.Th>
            <Table.Th scope="col">Missing</Table.Th>
            <Table.Th scope="col">Expiring</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            {rowProps.canNominate ? <Table.Th scope="col">Action</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((member) => (
            <Table.Tr key={member.person.id}>
              <Table.Td>
                <PersonLink member={member} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{member.person.siteCode}</Table.Td>
              <Table.Td>{member.current?.levelName ?? "No level yet"}</Table.Td>
              <Table.Td>{member.next?.levelName ?? "—"}</Table.Td>
              <Table.Td>
                <Percent member={member} />
              </Table.Td>
              <Table.Td>{member.next?.missing ?? "—"}</Table.Td>
              <Table.Td>{member.next?.expiring ?? "—"}</Table.Td>
              <Table.Td>
                <Standing member={member} />
              </Table.Td>
              {rowProps.canNominate ? (
                <Table.Td>
                  <NominateButton member={member} {...rowProps} />
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Box>
  );
}

function TeamCards({ items, ...rowProps }: { items: TeamMember[] } & Omit<RowProps, "member">) {
  return (
    <Stack component="ul" gap="sm" hiddenFrom="md" aria-label="Team readiness" className={classes.plainList}>
      {items.map((member) => (
        <Card component="li" key={member.person.id} withBorder padding="sm">
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" gap="xs">
              <PersonLink member={member} />
              <Standing member={member} />
            </Group>
            <Text size="sm">
              {member.current?.levelName ?? "No level yet"}
              {member.next ? ` → ${member.next.levelName}` : ""} · {member.person.siteCode}
            </Text>
            <Percent member={member} />
            <Counts member={member} />
            <Group>
              <NominateButton member={member} {...rowProps} />
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function NominationDialog({ member, onClose, onNominated }: { member: TeamMember | null; onClose: () => void; onNominated: () => void }) {
  const ladder = useApiQuery<PersonLadder>(member ? personLadderPath(member.person.id) : null);
  const framework = useFramework(member !== null);
  const [done, setDone] = useState<string>();
  const isPhone = useMediaQuery("(max-width: 47.99em)");
  const name = member ? fullName(member.person) : "";

  const close = () => {
    setDone(undefined);
    onClose();
  };

  return (
    <Modal opened={member !== null} onClose={close} title={`Nominate ${name} for promotion`} size="lg" fullScreen={isPhone} closeButtonProps={{ "aria-label": "Close" }}>
      {done ? (
        <Stack gap="sm">
          <Alert color="ladderTeal" role="status">
            {done}
          </Alert>
          <Group>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <>
          <ErrorAlert error={ladder.error} onRetry={ladder.reload} />
          {!ladder.data && !ladder.error ? <Loading /> : null}
          {ladder.data && member ? (
            <NominationForm
              personId={member.person.id}
              personName={member.person.firstName}
              next={ladder.data.next}
              currentLevels={ladder.data.currentLevels}
              framework={framework.data?.definition}
              initialTarget={member.next ? `${member.next.track}/${member.next.level}` : undefined}
              autoFocus
              onNominated={(promotion) => {
                setDone(`${name} is nominated for ${promotion.toLevelName}, effective ${formatDate(promotion.effectiveDate)}.`);
                onNominated();
              }}
            />
          ) : null}
        </>
      )}
    </Modal>
  );
}

export function TeamPage() {
  const session = useSession();
  const [filters, updateFilters] = useTeamFilters();
  const sites = useSites();
  const team = useApiQuery<{ items: TeamMember[] }>(teamPath(filters.siteId || undefined), { keepPreviousData: true });
  const [nominating, setNominating] = useState<TeamMember | null>(null);
  const canNominate = hasRole(session, ["manager", "admin"]);

  if (team.error?.status === 403) return <AccessDenied />;

  const all = team.data?.items ?? [];
  const shown = sortTeam(filters.eligibleOnly ? all.filter((member) => member.next?.eligible) : all, filters.sort);
  const eligibleCount = all.filter((member) => member.next?.eligible).length;

  return (
    <Page title="Team readiness" actions={canNominate ? <Anchor component={Link} to="/promotions">Promotions</Anchor> : null}>
      <form role="search" aria-label="Filter the team" onSubmit={(event) => event.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="sm">
          <NativeSelect
            label="Site"
            error={sites.error ? "Sites could not be loaded" : undefined}
            value={filters.siteId}
            onChange={(event) => updateFilters({ siteId: event.currentTarget.value })}
            data={[{ value: "", label: "All my sites" }, ...(sites.data?.items ?? []).map((site) => ({ value: site.id, label: siteLabel(site) }))]}
          />
          <NativeSelect
            label="Sort by"
            value={filters.sort}
            onChange={(event) => updateFilters({ sort: event.currentTarget.value as Sort })}
            data={(Object.keys(SORTS) as Sort[]).map((value) => ({ value, label: SORTS[value] }))}
          />
          <Checkbox
            label="Eligible only"
            checked={filters.eligibleOnly}
            onChange={(event) => updateFilters({ eligibleOnly: event.currentTarget.checked })}
            mt={{ base: 0, xs: 30 }}
          />
        </SimpleGrid>
      </form>

      <Text role="status" aria-live="polite" fw={600}>
        {team.data
          ? `${formatCount(shown.length, "person", "people")} shown · ${formatCount(eligibleCount, "person", "people")} eligible for the next level`
          : team.isLoading
            ? "Loading…"
            : ""}
      </Text>
      {!canNominate ? <Text size="sm" c="gray.7">You can see readiness; managers and administrators nominate for promotion.</Text> : null}

      <ErrorAlert error={team.error} onRetry={team.reload} />
      {!team.data && team.isLoading ? <Loading /> : null}
      {team.data && shown.length === 0 ? (
        <Text>{filters.eligibleOnly ? "No one here meets every requirement for their next level yet." : "No one to show for this site."}</Text>
      ) : null}
      {shown.length > 0 ? (
        <Stack gap="md" style={{ opacity: team.isLoading ? 0.6 : 1 }} aria-busy={team.isLoading}>
          <TeamTable items={shown} canNominate={canNominate} onNominate={setNominating} />
          <TeamCards items={shown} canNominate={canNominate} onNominate={setNominating} />
        </Stack>
      ) : null}

      <NominationDialog member={nominating} onClose={() => setNominating(null)} onNominated={team.reload} />
    </Page>
  );
}
