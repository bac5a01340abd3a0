import { Alert, Button, Checkbox, Group, List, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { ceApi, type CeReference, type CeRuleSet } from "./ce.api.ts";
import { hours } from "./labels.ts";
import { StateRuleSetsEditor } from "./StateRuleSetsEditor.tsx";

/** "Live hours" → "live hours", leaving "HIV/AIDS" alone. */
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

function ruleSummary(rule: CeRuleSet): string {
  const parts = [`${hours(rule.hours)} per cycle`, ...rule.minimums.map((m) => `${hours(m.hours)} ${lowerFirst(m.label)}`)];
  if (rule.pharmacistHoursMax !== null) parts.push(`at most ${hours(rule.pharmacistHoursMax)} pharmacist-designated`);
  if (rule.collegeCourseHoursMax !== null) parts.push(`college courses at most ${hours(rule.collegeCourseHoursMax)}`);
  if (rule.inServiceRefusedFrom) parts.push(`no in-service since ${rule.inServiceRefusedFrom}`);
  return parts.join("; ");
}

/** An admin's CE settings: the CPhT split, the warning days, the unconfirmed UAN parts; and the rule sets in force. */
export function CeSettingsPanel({ reference, onSaved }: { reference: CeReference; onSaved: () => void }) {
  const initial = reference.settings;
  const [technicianHoursMin, setTechnicianHoursMin] = useState(String(initial.technicianHoursMin));
  const [warningDays, setWarningDays] = useState(initial.warningDays.join(", "));
  const [acceptBlended, setAcceptBlended] = useState(initial.acceptBlendedFormat);
  const [acceptExtended, setAcceptExtended] = useState(initial.acceptExtendedTopics);
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = useApiAction(ceApi.saveSettings);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const days = warningDays.split(/[,\s]+/).filter(Boolean).map(Number);
    if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) {
      setProblem("Give whole numbers of days from 1 to 365, separated by commas");
      return;
    }
    setProblem(undefined);
    const result = await save.run({ ...initial, technicianHoursMin: Number(technicianHoursMin), warningDays: days, acceptBlendedFormat: acceptBlended, acceptExtendedTopics: acceptExtended });
    if (result.ok) {
      setSaved(true);
      onSaved();
    }
  };

  return (
    <Stack gap="md">
      <form onSubmit={onSubmit} noValidate aria-label="CE settings">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="CPhT: hours that must not be pharmacist-designated"
              description="PTCB now asks for at least 15 of the 20 technician-specific (T); older pages say all 20."
              value={technicianHoursMin}
              onChange={(event) => setTechnicianHoursMin(event.currentTarget.value)}
              data={["15", "16", "17", "18", "19", "20"]}
            />
            <TextInput
              label="Warn this many days before a cycle ends"
              description="When hours are short; separate with commas."
              value={warningDays}
              onChange={(event) => setWarningDays(event.currentTarget.value)}
              error={problem ?? save.error?.fieldMessage("warningDays")}
            />
          </SimpleGrid>
          <Checkbox
            label="Accept UAN activity type B (blended)"
            description="Not confirmed from a primary source."
            checked={acceptBlended}
            onChange={(event) => setAcceptBlended(event.currentTarget.checked)}
          />
          <Checkbox
            label="Accept ACPE topic designators 06–08 (immunizations, compounding, pain management / opioids)"
            description="Not confirmed from a primary source."
            checked={acceptExtended}
            onChange={(event) => setAcceptExtended(event.currentTarget.checked)}
          />
          <ErrorAlert error={save.error} />
          {saved ? (
            <Alert color="ladderTeal" role="status">
              CE settings saved.
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save CE settings
            </Button>
          </Group>
        </Stack>
      </form>
      <div>
        <Title order={3} fz="h4">
          Rule sets in force
        </Title>
        <List size="sm" spacing="xs" withPadding>
          {reference.ruleSets.map((rule) => (
            <List.Item key={rule.code}>
              <Text size="sm" fw={600} span>
                {rule.name}
                {rule.custom ? " (your organization's)" : ""}
              </Text>
              <Text size="sm">{ruleSummary(rule)}.</Text>
              <Text size="xs" c="gray.7">
                Source: {rule.source}
                {rule.verify ? " · to be confirmed" : ""}
              </Text>
            </List.Item>
          ))}
        </List>
      </div>
      <StateRuleSetsEditor reference={reference} onSaved={onSaved} />
    </Stack>
  );
}
