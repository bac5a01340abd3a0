import { Anchor, Box, Button, Card, Group, NativeSelect, Pagination, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatCount, formatDate } from "../../format.ts";
import { ROLES, ROLE_LABELS, roleLabel, type Role } from "../../roles.ts";
import { hasRole, useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { siteLabel, useSites } from "../sites/sites.api.ts";
import { STATUS_LABELS } from "./labels.ts";
import { PERSON_STATUSES, peoplePath, type PeopleList, type Person, type PersonStatus } from "./people.api.ts";
import { StatusBadge } from "./StatusBadge.tsx";

export const ROSTER_PAGE_SIZE = 25;

type StatusFilter = PersonStatus | "all";

const PAGINATION_CONTROL_LABELS = {
  first: "First page",
  previous: "Previous page",
  next: "Next page",
  last: "Last page",
} as const;

/** The roster filters as kept in the URL: ?q=&siteId=&status=&role=&page= */
function useRosterFilters() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get("status");
  const roleParam = params.get("role");
  const filters = {
    q: params.get("q") ?? "",
    siteId: params.get("siteId") ?? "",
    status: (statusParam === "all" || PERSON_STATUSES.includes(statusParam as PersonStatus) ? statusParam : "active") as StatusFilter,
    role: (ROLES.includes(roleParam as Role) ? roleParam : "") as Role | "",
    page: Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1),
  };

  const update = (changes: Partial<typeof filters>) => {
    const next = { ...filters, page: 1, ...changes };
    const search = new URLSearchParams();
    if (next.q) search.set("q", next.q);
    if (next.siteId) search.set("siteId", next.siteId);
    if (next.status !== "active") search.set("status", next.status);
    if (next.role) search.set("role", next.role);
    if (next.page > 1) search.set("page", String(next.page));
    setParams(search, { replace: !("page" in changes) });
  };
  return [filters, update] as const;
}

function PersonName({ person }: { person: Person }) {
  return (
    <Anchor component={Link} to={`/people/${person.id}`} fw={600}>
      {person.lastName}, {person.firstName}
    </Anchor>
  );
}

function RosterTable({ people }: { people: Person[] }) {
  return (
    <Box visibleFrom="sm">
      <ScrollTable caption="People on the roster" label="Roster" minWidth={720}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Employee ID</Table.Th>
          <Table.Th scope="col">Site</Table.Th>
          <Table.Th scope="col">Role</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col">Hire date</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {people.map((person) => (
          <Table.Tr key={person.id}>
            <Table.Td>
              <PersonName person={person} />
            </Table.Td>
            <Table.Td>{person.employeeId}</Table.Td>
            <Table.Td>{siteLabel({ code: person.siteCode, name: person.siteName })}</Table.Td>
            <Table.Td>{roleLabel(person.role)}</Table.Td>
            <Table.Td>
              <StatusBadge status={person.status} />
            </Table.Td>
            <Table.Td>{formatDate(person.hireDate)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      </ScrollTable>
    </Box>
  );
}

function RosterCards({ people }: { people: Person[] }) {
  return (
    <Stack component="ul" gap="sm" hiddenFrom="sm" aria-label="Roster" p={0} m={0} style={{ listStyle: "none" }}>
      {people.map((person) => (
        <Card component="li" key={person.id} withBorder padding="sm">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <PersonName person={person} />
            <StatusBadge status={person.status} />
          </Group>
          <Text size="sm">
            {roleLabel(person.role)} · {person.siteCode} · {person.siteName}
          </Text>
          <Text size="sm" c="gray.7">
            Employee ID {person.employeeId} · hired {formatDate(person.hireDate)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

export function RosterPage() {
  const session = useSession();
  const [filters, updateFilters] = useRosterFilters();
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const sites = useSites();

  // The search box and the URL feed each other: typing updates the URL after a pause, and
  // back/forward navigation updates the box, without one overwriting typing in progress.
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

  const people = useApiQuery<PeopleList>(
    peoplePath({
      q: filters.q || undefined,
      siteId: filters.siteId || undefined,
      status: filters.status === "all" ? undefined : filters.status,
      role: filters.role || undefined,
      page: filters.page,
      pageSize: ROSTER_PAGE_SIZE,
    }),
    { keepPreviousData: true },
  );

  const canExport = hasRole(session, ["manager", "admin"]);
  const canImport = hasRole(session, ["admin"]);
  const total = people.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / ROSTER_PAGE_SIZE));

  return (
    <Page
      title="Roster"
      actions={
        <>
          {canExport ? (
            <Button component="a" href="/api/roster/export.csv" variant="default">
              Export CSV
            </Button>
          ) : null}
          {canImport ? (
            <Button component={Link} to="/roster/import">
              Import roster
            </Button>
          ) : null}
        </>
      }
    >
      <form role="search" aria-label="Filter the roster" onSubmit={(event) => event.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput
            type="search"
            label="Search"
            placeholder="Name, e-mail or employee ID"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <NativeSelect
            label="Site"
            error={sites.error ? "Sites could not be loaded" : undefined}
            value={filters.siteId}
            onChange={(event) => updateFilters({ siteId: event.currentTarget.value })}
            data={[
              { value: "", label: "All sites" },
              ...(sites.data?.items ?? []).map((site) => ({ value: site.id, label: siteLabel(site) })),
            ]}
          />
          <NativeSelect
            label="Status"
            value={filters.status}
            onChange={(event) => updateFilters({ status: event.currentTarget.value as StatusFilter })}
            data={[
              ...PERSON_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] })),
              { value: "all", label: "All statuses" },
            ]}
          />
          <NativeSelect
            label="Role"
            value={filters.role}
            onChange={(event) => updateFilters({ role: event.currentTarget.value as Role | "" })}
            data={[{ value: "", label: "All roles" }, ...ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))]}
          />
        </SimpleGrid>
      </form>

      <Text role="status" aria-live="polite" fw={600}>
        {people.data ? formatCount(total, "person", "people") : people.isLoading ? "Loading…" : ""}
      </Text>

      <ErrorAlert error={people.error} onRetry={people.reload} />
      {!people.data && people.isLoading ? <Loading /> : null}
      {people.data && people.data.items.length === 0 ? <Text>No one on the roster matches these filters.</Text> : null}
      {people.data && people.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: people.isLoading ? 0.6 : 1 }} aria-busy={people.isLoading}>
          <RosterTable people={people.data.items} />
          <RosterCards people={people.data.items} />
        </Stack>
      ) : null}

      {pageCount > 1 ? (
        <Group component="nav" aria-label="Roster pages" justify="center">
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
    </Page>
  );
}
