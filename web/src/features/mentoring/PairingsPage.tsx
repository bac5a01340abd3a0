import { Alert, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatDate, fullName, todayIsoDate } from "../../format.ts";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { mentoringApi, type Pairing } from "./mentoring.api.ts";

interface RosterPerson {
  id: string;
  firstName: string;
  lastName: string;
  role: string;
  siteCode?: string;
  status: string;
}

function PairingForm({ people, onCreated }: { people: RosterPerson[]; onCreated: (p: Pairing) => void }) {
  const [mentorId, setMentorId] = useState("");
  const [menteeId, setMenteeId] = useState("");
  const [goals, setGoals] = useState("");
  const [startsOn, setStartsOn] = useState(todayIsoDate());
  const create = useApiAction(mentoringApi.createPairing);
  const current = people.filter((p) => p.status !== "separated" && (p.role === "technician" || p.role === "mentor"));
  const option = (p: RosterPerson) => ({ value: p.id, label: `${fullName(p)}${p.role === "mentor" ? " (mentor)" : ""}` });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create.run({ mentorId, menteeId, goals: goals.trim() || undefined, startsOn });
    if (!result.ok) return;
    setGoals("");
    setMenteeId("");
    onCreated(result.value);
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-pairing-heading">
      <Stack gap="sm">
        <Title order={2} fz="h3" id="new-pairing-heading">
          Pair a mentor with a technician
        </Title>
        <Text size="sm" c="gray.7">
          The mentor has the mentor role or holds a Lead-level position. Hours of confirmed sessions count toward the mentor's own Lead requirement.
        </Text>
        <ErrorAlert error={create.error} title="The pairing was not created" />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect label="Mentor" required value={mentorId} onChange={(e) => setMentorId(e.currentTarget.value)} data={[{ value: "", label: "Choose a mentor" }, ...current.map(option)]} error={create.error?.fieldMessage("mentorId")} />
          <NativeSelect label="Mentee" required value={menteeId} onChange={(e) => setMenteeId(e.currentTarget.value)} data={[{ value: "", label: "Choose a mentee" }, ...current.filter((p) => p.id !== mentorId).map(option)]} error={create.error?.fieldMessage("menteeId")} />
          <TextInput type="date" label="Starts on" required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={create.error?.fieldMessage("startsOn")} />
        </SimpleGrid>
        <Textarea label="Goals" autosize minRows={2} value={goals} onChange={(e) => setGoals(e.currentTarget.value)} error={create.error?.fieldMessage("goals")} />
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!mentorId || !menteeId}>
            Create pairing
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Managers (their sites) and admins: mentor pairings, and new ones. */
export function PairingsPage() {
  const pairings = useApiQuery<{ items: Pairing[] }>("/api/mentoring/pairings");
  const people = useApiQuery<{ items: RosterPerson[] }>("/api/people?pageSize=200");
  const end = useApiAction(mentoringApi.endPairing);
  const [message, setMessage] = useState<string>();
  return (
    <Page title="Mentor pairings">
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}
      <Card withBorder padding="md">
        {people.data ? (
          <PairingForm
            people={people.data.items}
            onCreated={(p) => {
              setMessage(`${fullName(p.mentor)} now mentors ${fullName(p.mentee)}.`);
              pairings.reload();
            }}
          />
        ) : (
          <>
            <ErrorAlert error={people.error} onRetry={people.reload} />
            {people.isLoading ? <Loading /> : null}
          </>
        )}
      </Card>
      <Stack component="section" gap="sm" aria-labelledby="pairings-heading">
        <Title order={2} fz="h3" id="pairings-heading">
          Pairings
        </Title>
        <ErrorAlert error={pairings.error ?? end.error} onRetry={pairings.reload} />
        {!pairings.data && pairings.isLoading ? <Loading /> : null}
        {pairings.data && pairings.data.items.length === 0 ? <Text>No pairings yet.</Text> : null}
        {pairings.data && pairings.data.items.length > 0 ? (
          <ScrollTable caption="Mentor pairings" label="Mentor pairings" minWidth={560}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Mentee</Table.Th>
                  <Table.Th scope="col">Mentor</Table.Th>
                  <Table.Th scope="col">Since</Table.Th>
                  <Table.Th scope="col">Hours</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pairings.data.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      {fullName(p.mentee)} ({p.mentee.siteCode})
                    </Table.Td>
                    <Table.Td>{fullName(p.mentor)}</Table.Td>
                    <Table.Td>{formatDate(p.startsOn)}</Table.Td>
                    <Table.Td>{p.confirmedHours}</Table.Td>
                    <Table.Td>
                      <ToneBadge tone={p.status === "active" ? "good" : "neutral"}>{p.status === "active" ? "Active" : `Ended ${formatDate(p.endsOn)}`}</ToneBadge>
                    </Table.Td>
                    <Table.Td>
                      {p.status === "active" ? (
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`End the pairing of ${fullName(p.mentor)} and ${fullName(p.mentee)}`}
                          onClick={async () => {
                            if ((await end.run(p.id, todayIsoDate())).ok) pairings.reload();
                          }}
                        >
                          End
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
        ) : null}
      </Stack>
    </Page>
  );
}
