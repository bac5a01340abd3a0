import { Alert, Button, Checkbox, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { EvidenceFileInput } from "../evidence/EvidenceFileInput.tsx";
import { useEvidenceUpload } from "../evidence/evidence.api.ts";
import { ceApi, type CeActivityType, type CeAudience, type CeCategory, type CeFormat, type CeReference, type NewCeRecord } from "./ce.api.ts";
import { AUDIENCE_LABEL, FORMAT_LABEL, hours } from "./labels.ts";
import { parseForForm, UanField } from "./UanField.tsx";

type Mode = "uan" | "manual";

interface AddCeRecordFormProps {
  personId: string;
  reference: CeReference;
  /** Whether the viewer may record it as already verified (an admin or the person's manager). */
  canVerify: boolean;
  onRecorded: () => void;
}

/** Adding a CE record: from its UAN (parsed as it is typed) or by hand, with a copy of the certificate. */
export function AddCeRecordForm({ personId, reference, canVerify, onRecorded }: AddCeRecordFormProps) {
  const [mode, setMode] = useState<Mode>("uan");
  const [uan, setUan] = useState("");
  const [title, setTitle] = useState("");
  const [provider, setProvider] = useState("");
  const [completedOn, setCompletedOn] = useState(todayIsoDate);
  const [hoursText, setHoursText] = useState("");
  const [activityType, setActivityType] = useState<CeActivityType>("other");
  const [topic, setTopic] = useState("");
  const [format, setFormat] = useState("");
  const [audience, setAudience] = useState("");
  const [categories, setCategories] = useState<string[]>([]);
  const [verified, setVerified] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [recorded, setRecorded] = useState<string>();
  const record = useApiAction(ceApi.record);
  const evidence = useEvidenceUpload(personId);

  const uanOptions = { acceptBlended: reference.settings.acceptBlendedFormat, acceptExtendedTopics: reference.settings.acceptExtendedTopics };
  const parsed = mode === "uan" ? parseForForm(uan, uanOptions) : null;
  const topicOfRecord = parsed?.ok ? parsed.value.topic : mode === "manual" ? topic : "";
  // Categories an ACPE topic designator stands for come from the topic; the rest are ticked by hand.
  const choosable = reference.categories.filter((c) => !(mode === "uan" && c.topic) && !(mode === "manual" && topic && c.topic));
  const fromTopic = reference.categories.filter((c) => c.topic && c.topic === topicOfRecord);
  const fieldError = (field: string) => problems[field] ?? record.error?.fieldMessage(field);

  const reset = () => {
    setUan("");
    setTitle("");
    setProvider("");
    setCompletedOn(todayIsoDate());
    setHoursText("");
    setTopic("");
    setFormat("");
    setAudience("");
    setCategories([]);
    setVerified(false);
    setSubmitted(false);
    setProblems({});
    evidence.reset();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRecorded(undefined);
    setSubmitted(true);
    const found: Record<string, string> = {};
    if (mode === "uan" && (!parsed || !parsed.ok)) found.uan = parsed ? "Fix the UAN first" : "Type the activity number, or choose By hand";
    if (!title.trim()) found.title = "Give the activity's title";
    if (!completedOn) found.completedOn = "Give the date you completed it";
    const hoursValue = Number(hoursText);
    if (!hoursText.trim() || !Number.isFinite(hoursValue) || hoursValue <= 0) found.hours = "Give the contact hours, for example 1.5";
    setProblems(found);
    if (Object.keys(found).length > 0) return;

    const input: NewCeRecord = { title: title.trim(), completedOn, hours: hoursValue, categories: categories as CeCategory[] };
    if (provider.trim()) input.provider = provider.trim();
    if (mode === "uan") input.uan = uan;
    else {
      input.activityType = activityType;
      if (topic) input.topic = topic;
      if (format) input.format = format as CeFormat;
      if (audience) input.audience = audience as CeAudience;
    }
    if (canVerify) input.verified = verified;
    const evidenceFileId = await evidence.upload();
    if (evidenceFileId === undefined) return;
    if (evidenceFileId) input.evidenceFileId = evidenceFileId;
    const result = await record.run(personId, input);
    if (!result.ok) return;
    const saved = result.value;
    setRecorded(
      `${saved.title} recorded: ${hours(saved.hours)}${saved.topicName ? `, ${saved.topicName.toLowerCase()}` : ""}${
        saved.verificationStatus === "verified" ? ", verified" : "; it awaits verification"
      }${evidenceFileId ? ", with its certificate" : ""}.`,
    );
    reset();
    onRecorded();
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a CE record">
      <Stack gap="sm">
        {recorded ? (
          <Alert color="ladderTeal" role="status">
            {recorded}
          </Alert>
        ) : null}
        <ErrorAlert error={record.error} title="The record was not saved" />
        <SegmentedControl
          value={mode}
          onChange={(value) => {
            setMode(value as Mode);
            setProblems({});
            setSubmitted(false);
            setCategories([]);
          }}
          data={[
            { value: "uan", label: "From its UAN" },
            { value: "manual", label: "By hand" },
          ]}
          aria-label="How to enter the activity"
          fullWidth
        />
        {mode === "uan" ? (
          <UanField value={uan} onChange={setUan} options={uanOptions} showErrors={submitted} serverError={fieldError("uan")} />
        ) : (
          <Text size="sm" c="gray.7">
            For college courses, in-service training and CE that is not ACPE-accredited. ACPE activities have a UAN: use From its UAN.
          </Text>
        )}
        <TextInput label="Title" value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={fieldError("title")} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Provider (optional)" value={provider} onChange={(event) => setProvider(event.currentTarget.value)} error={fieldError("provider")} />
          <TextInput type="date" label="Completed on" value={completedOn} max={todayIsoDate()} onChange={(event) => setCompletedOn(event.currentTarget.value)} error={fieldError("completedOn")} />
          <TextInput
            type="number"
            label="Contact hours"
            description="0.1 CEU = 1 hour"
            inputMode="decimal"
            min={0.25}
            max={100}
            step={0.25}
            value={hoursText}
            onChange={(event) => setHoursText(event.currentTarget.value)}
            error={fieldError("hours")}
          />
        </SimpleGrid>
        {mode === "manual" ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Kind of activity"
              value={activityType}
              onChange={(event) => setActivityType(event.currentTarget.value as CeActivityType)}
              data={reference.activityTypes.filter((a) => a.code !== "acpe").map((a) => ({ value: a.code, label: a.label }))}
              error={fieldError("activityType")}
            />
            <NativeSelect
              label="ACPE topic (optional)"
              value={topic}
              onChange={(event) => {
                setTopic(event.currentTarget.value);
                setCategories([]);
              }}
              data={[{ value: "", label: "No topic" }, ...reference.uan.topics.map((t) => ({ value: t.code, label: `${t.code} · ${t.name}` }))]}
              error={fieldError("topic")}
            />
            <NativeSelect
              label="Format (optional)"
              value={format}
              onChange={(event) => setFormat(event.currentTarget.value)}
              data={[{ value: "", label: "Not given" }, ...(["live", "home-study", "blended"] as CeFormat[]).map((f) => ({ value: f, label: FORMAT_LABEL[f] }))]}
              error={fieldError("format")}
            />
            <NativeSelect
              label="Audience (optional)"
              value={audience}
              onChange={(event) => setAudience(event.currentTarget.value)}
              data={[{ value: "", label: "Not given" }, ...(["technician", "pharmacist"] as CeAudience[]).map((a) => ({ value: a, label: AUDIENCE_LABEL[a] }))]}
              error={fieldError("audience")}
            />
          </SimpleGrid>
        ) : null}
        {fromTopic.length > 0 ? (
          <Text size="sm">
            Counts as: <strong>{fromTopic.map((c) => c.label).join(", ")}</strong> (from topic {topicOfRecord}).
          </Text>
        ) : null}
        <Checkbox.Group
          label="Also about (for state rules)"
          description="Tick only what the certificate says; law and patient safety come from the ACPE topic."
          value={categories}
          onChange={setCategories}
          error={fieldError("categories")}
        >
          <Group gap="md" mt={6}>
            {choosable.map((c) => (
              <Checkbox key={c.code} value={c.code} label={c.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <EvidenceFileInput
          label="Certificate (optional)"
          hint="The statement of credit, or a photo of it."
          value={evidence.file}
          onChange={evidence.choose}
          error={evidence.error ?? fieldError("evidenceFileId")}
        />
        {canVerify ? (
          <Checkbox
            label="Verified against the statement of credit or CPE Monitor"
            description="Leave unticked to record it as awaiting verification."
            checked={verified}
            onChange={(event) => setVerified(event.currentTarget.checked)}
          />
        ) : null}
        <Group>
          <Button type="submit" loading={record.isPending || evidence.isUploading}>
            Add CE record
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
