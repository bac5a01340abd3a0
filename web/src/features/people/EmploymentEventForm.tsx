import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { siteLabel, type Site } from "../sites/sites.api.ts";
import { EVENT_LABELS, SEPARATION_TYPE_LABELS } from "./labels.ts";
import {
  peopleApi,
  type NewEmploymentEvent,
  type Person,
  type PersonStatus,
  type SeparationReason,
  type SeparationType,
} from "./people.api.ts";

type RecordableKind = NewEmploymentEvent["kind"];

/** Events that make sense from each status; the server has the final word. */
const KINDS_BY_STATUS: Record<PersonStatus, RecordableKind[]> = {
  active: ["transfer", "leave", "separation"],
  leave: ["return", "transfer", "separation"],
  separated: ["rehire"],
};

const KIND_OPTION_LABELS: Record<RecordableKind, string> = {
  transfer: "Transfer to another site",
  leave: "Start of leave",
  return: "Return from leave",
  separation: "Separation",
  rehire: "Rehire",
};

interface EmploymentEventFormProps {
  person: Person;
  sites: Site[];
  reasons: readonly SeparationReason[];
  onRecorded: () => void;
}

export function EmploymentEventForm({ person, sites, reasons, onRecorded }: EmploymentEventFormProps) {
  const kinds = KINDS_BY_STATUS[person.status];
  const [kind, setKind] = useState<RecordableKind | null>(null);
  const [effectiveDate, setEffectiveDate] = useState(todayIsoDate);
  const [siteId, setSiteId] = useState("");
  const [separationType, setSeparationType] = useState<SeparationType>("voluntary");
  const [reasonCode, setReasonCode] = useState("");
  const [note, setNote] = useState("");
  const [recorded, setRecorded] = useState<string>();
  const record = useApiAction(peopleApi.recordEvent);

  const activeKind = kind && kinds.includes(kind) ? kind : kinds[0];
  const needsSite = activeKind === "transfer" || activeKind === "rehire";
  const isSeparation = activeKind === "separation";
  const siteChoices = activeKind === "transfer" ? sites.filter((site) => site.id !== person.siteId) : sites;
  const chosenSiteId = siteChoices.some((site) => site.id === siteId)
    ? siteId
    : activeKind === "rehire" && siteChoices.some((site) => site.id === person.siteId)
      ? person.siteId
      : "";
  const reasonChoices = reasons.filter((reason) => reason.type === separationType);
  const fieldError = (field: string) => record.error?.fieldMessage(field);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRecorded(undefined);
    const input: NewEmploymentEvent = { kind: activeKind, effectiveDate };
    if (needsSite && chosenSiteId) input.siteId = chosenSiteId;
    if (isSeparation) {
      input.separationType = separationType;
      if (reasonCode) input.reasonCode = reasonCode;
    }
    if (note.trim()) input.note = note.trim();
    const result = await record.run(person.id, input);
    if (!result.ok) return;
    setRecorded(`${EVENT_LABELS[result.value.kind]} recorded.`);
    setKind(null);
    setEffectiveDate(todayIsoDate());
    setSiteId("");
    setSeparationType("voluntary");
    setReasonCode("");
    setNote("");
    onRecorded();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={record.error} />
        {recorded ? (
          <Alert color="ladderTeal" role="status">
            {recorded}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Event"
            value={activeKind}
            onChange={(event) => setKind(event.currentTarget.value as RecordableKind)}
            data={kinds.map((value) => ({ value, label: KIND_OPTION_LABELS[value] }))}
            error={fieldError("kind")}
          />
          <TextInput
            type="date"
            label="Effective date"
            required
            value={effectiveDate}
            onChange={(event) => setEffectiveDate(event.currentTarget.value)}
            error={fieldError("effectiveDate")}
          />
          {needsSite ? (
            <NativeSelect
              label={activeKind === "transfer" ? "New site" : "Site"}
              required
              value={chosenSiteId}
              onChange={(event) => setSiteId(event.currentTarget.value)}
              data={[
                { value: "", label: "Choose a site", disabled: true },
                ...siteChoices.map((site) => ({ value: site.id, label: siteLabel(site) })),
              ]}
              error={fieldError("siteId")}
            />
          ) : null}
          {isSeparation ? (
            <>
              <NativeSelect
                label="Separation type"
                required
                value={separationType}
                onChange={(event) => {
                  setSeparationType(event.currentTarget.value as SeparationType);
                  setReasonCode("");
                }}
                data={(Object.keys(SEPARATION_TYPE_LABELS) as SeparationType[]).map((value) => ({
                  value,
                  label: SEPARATION_TYPE_LABELS[value],
                }))}
                error={fieldError("separationType")}
              />
              <NativeSelect
                label="Reason (optional)"
                value={reasonCode}
                onChange={(event) => setReasonCode(event.currentTarget.value)}
                data={[
                  { value: "", label: "No reason recorded" },
                  ...reasonChoices.map((reason) => ({ value: reason.code, label: reason.label })),
                ]}
                error={fieldError("reasonCode")}
              />
            </>
          ) : null}
        </SimpleGrid>
        <Textarea
          label="Note (optional)"
          autosize
          minRows={2}
          maxRows={6}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={fieldError("note")}
        />
        <Group>
          <Button type="submit" loading={record.isPending}>
            Record event
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
