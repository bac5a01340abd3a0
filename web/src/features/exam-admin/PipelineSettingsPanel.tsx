import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { formatDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { NumberField } from "../framework/NumberField.tsx";
import { examAdminApi, type ExamCatalog, type ExamSettings } from "./exam-admin.api.ts";
import { VERIFY_NOTE } from "./labels.ts";

const MONTHS = [6, 7, 8, 9, 10, 11, 12];

interface PipelineSettingsPanelProps {
  settings: ExamSettings;
  catalog: ExamCatalog | undefined;
  onSaved: () => void;
}

/** The admin's pipeline settings: deadline after hire, readiness threshold, pinned PTCE outline. */
export function PipelineSettingsPanel({ settings, catalog, onSaved }: PipelineSettingsPanelProps) {
  const [deadlineMonths, setDeadlineMonths] = useState(settings.deadlineMonths);
  const [thresholdPercent, setThresholdPercent] = useState<number | undefined>(Math.round(settings.readinessThreshold * 100));
  const [pinnedOutline, setPinnedOutline] = useState(settings.pinnedOutline ?? "");
  const [thresholdProblem, setThresholdProblem] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const save = useApiAction(examAdminApi.saveSettings);
  const outlines = catalog?.outlines ?? [];
  const pinned = outlines.find((o) => o.code === pinnedOutline);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(undefined);
    if (thresholdPercent === undefined || Number.isNaN(thresholdPercent) || thresholdPercent < 50 || thresholdPercent > 99) {
      setThresholdProblem("Enter a whole percentage from 50 to 99");
      return;
    }
    setThresholdProblem(undefined);
    const result = await save.run({ deadlineMonths, readinessThreshold: thresholdPercent / 100, pinnedOutline: pinnedOutline || null });
    if (!result.ok) return;
    setSaved("Settings saved. The board now uses them.");
    onSaved();
  };

  const fieldError = (field: string) => save.error?.fieldMessage(field);
  const otherError = save.error && !["deadlineMonths", "readinessThreshold", "pinnedOutline"].some((f) => fieldError(f)) ? save.error : undefined;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Pipeline settings">
      <Stack gap="sm">
        <ErrorAlert error={otherError} title="Settings not saved" />
        {saved ? (
          <Alert color="ladderTeal" role="status" p="sm">
            <Text size="sm">{saved}</Text>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label="Certification deadline"
            description="Months after the hire date"
            value={String(deadlineMonths)}
            onChange={(event) => setDeadlineMonths(Number(event.currentTarget.value))}
            data={MONTHS.map((m) => ({ value: String(m), label: `${m} months` }))}
            error={fieldError("deadlineMonths")}
          />
          <NumberField
            label="Readiness threshold (%)"
            description="Ready to schedule at this estimated chance of passing, 50–99"
            integer
            value={thresholdPercent}
            onChange={(value) => {
              setThresholdPercent(value);
              setThresholdProblem(undefined);
            }}
            error={thresholdProblem ?? fieldError("readinessThreshold")}
          />
          <NativeSelect
            label="PTCE outline"
            description="Practice forms are weighted by this outline"
            value={pinnedOutline}
            onChange={(event) => setPinnedOutline(event.currentTarget.value)}
            data={[
              { value: "", label: "The outline in force on each day" },
              ...outlines.map((o) => ({ value: o.code, label: `${o.name}${o.verify ? ` (${VERIFY_NOTE.toLowerCase()})` : ""}` })),
            ]}
            error={fieldError("pinnedOutline")}
          />
        </SimpleGrid>
        <Text size="sm" c="gray.7">
          {pinned
            ? `${pinned.name}, in force from ${formatDate(pinned.effectiveFrom)}. Source: ${pinned.source}.${pinned.verify ? ` ${VERIFY_NOTE}: its weights were not confirmed from PTCB.` : ""}`
            : `Outlines: ${outlines.map((o) => `${o.name} from ${formatDate(o.effectiveFrom)}${o.verify ? ` (${VERIFY_NOTE.toLowerCase()})` : ""}`).join("; ")}.`}
        </Text>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
