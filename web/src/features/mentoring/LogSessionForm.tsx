import { Button, Group, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { mentoringApi } from "./mentoring.api.ts";

/** Logs a session of one pairing; `who` names the other person in the labels. */
export function LogSessionForm({ pairingId, who, onLogged }: { pairingId: string; who: string; onLogged: (confirmed: boolean) => void }) {
  const [heldOn, setHeldOn] = useState(todayIsoDate());
  const [minutes, setMinutes] = useState<number | string>(60);
  const [topics, setTopics] = useState("");
  const [notes, setNotes] = useState("");
  const log = useApiAction(mentoringApi.logSession);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await log.run(pairingId, { heldOn, durationMinutes: Number(minutes), topics: topics.trim(), notes: notes.trim() || undefined });
    if (!result.ok) return;
    setTopics("");
    setNotes("");
    onLogged(result.value.confirmed);
  };
  return (
    <form onSubmit={submit} aria-label={`Log a session with ${who}`}>
      <Stack gap="xs">
        <ErrorAlert error={log.error} title="The session was not logged" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput type="date" label="Date" required value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} error={log.error?.fieldMessage("heldOn")} />
          <NumberInput label="Duration (minutes)" required min={5} max={720} step={15} value={minutes} onChange={setMinutes} error={log.error?.fieldMessage("durationMinutes")} />
        </SimpleGrid>
        <TextInput label="Topics" required value={topics} onChange={(e) => setTopics(e.currentTarget.value)} error={log.error?.fieldMessage("topics")} />
        <Textarea label="Notes (optional)" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={log.error?.fieldMessage("notes")} />
        <Group>
          <Button type="submit" loading={log.isPending}>
            Log session
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
