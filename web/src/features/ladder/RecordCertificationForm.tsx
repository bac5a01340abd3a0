import { Alert, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { EvidenceFileInput } from "../evidence/EvidenceFileInput.tsx";
import { useEvidenceUpload } from "../evidence/evidence.api.ts";
import { ladderApi, type CatalogCertification, type CredentialKind, type NewCertification } from "./ladder.api.ts";
import { groupBy } from "./labels.ts";
import { US_STATES } from "./us-states.ts";

const KIND_LABELS: Record<CredentialKind, string> = {
  national: "National certification",
  state: "State credential",
  "assessment-based": "Assessment-based certificate",
  training: "Training",
  "life-support": "Life support",
};

interface RecordCertificationFormProps {
  personId: string;
  catalog: CatalogCertification[];
  /** Whether the viewer may record the holding as already verified. */
  canVerify: boolean;
  onRecorded: () => void;
}

export function RecordCertificationForm({ personId, catalog, canVerify, onRecorded }: RecordCertificationFormProps) {
  const [code, setCode] = useState("");
  const [number, setNumber] = useState("");
  const [issuer, setIssuer] = useState("");
  const [state, setState] = useState("");
  const [earnedOn, setEarnedOn] = useState(todayIsoDate);
  const [expiresOn, setExpiresOn] = useState("");
  const [verified, setVerified] = useState(false);
  const [missingCode, setMissingCode] = useState(false);
  const [recorded, setRecorded] = useState<string>();
  const record = useApiAction(ladderApi.recordCertification);
  const evidence = useEvidenceUpload(personId);

  const chosen = catalog.find((entry) => entry.code === code);
  const fieldError = (field: string) => record.error?.fieldMessage(field);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRecorded(undefined);
    if (!chosen) {
      setMissingCode(true);
      return;
    }
    const input: NewCertification = { certificationCode: chosen.code, earnedOn };
    if (number.trim()) input.number = number.trim();
    if (issuer.trim()) input.issuer = issuer.trim();
    if (chosen.perState && state) input.state = state;
    if (expiresOn) input.expiresOn = expiresOn;
    if (canVerify) input.verified = verified;
    // The copy is uploaded first; the credential is then recorded with its id.
    const evidenceFileId = await evidence.upload();
    if (evidenceFileId === undefined) return;
    if (evidenceFileId) input.evidenceFileId = evidenceFileId;
    const result = await record.run(personId, input);
    if (!result.ok) return;
    setRecorded(`${chosen.name} recorded${canVerify && verified ? " as verified" : "; it awaits verification"}${evidenceFileId ? ", with its copy" : ""}.`);
    evidence.reset();
    setCode("");
    setNumber("");
    setIssuer("");
    setState("");
    setEarnedOn(todayIsoDate());
    setExpiresOn("");
    setVerified(false);
    onRecorded();
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Record a certification">
      <Stack gap="sm">
        <ErrorAlert error={record.error} />
        {recorded ? (
          <Alert color="ladderTeal" role="status">
            {recorded}
          </Alert>
        ) : null}
        <NativeSelect
          label="Certification"
          required
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            setMissingCode(false);
          }}
          data={[
            { value: "", label: "Choose a certification", disabled: true },
            ...groupBy(catalog, (entry) => entry.kind).map(([kind, entries]) => ({
              group: KIND_LABELS[kind as CredentialKind] ?? kind,
              items: entries.map((entry) => ({ value: entry.code, label: `${entry.name} (${entry.issuer})` })),
            })),
          ]}
          error={missingCode ? "Choose the certification to record" : fieldError("certificationCode")}
        />
        {chosen ? (
          <Text size="sm" c="gray.7">
            {chosen.cycleMonths
              ? `Without an expiry date, it is taken to expire ${chosen.cycleMonths} months after it was earned.`
              : "This credential does not expire unless you give a date."}
            {chosen.verify ? " Its renewal rules are defaults your organization should confirm." : ""}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Number (optional)"
            value={number}
            onChange={(event) => setNumber(event.currentTarget.value)}
            error={fieldError("number")}
            autoComplete="off"
          />
          <TextInput
            label="Issuer (optional)"
            placeholder={chosen?.issuer}
            value={issuer}
            onChange={(event) => setIssuer(event.currentTarget.value)}
            error={fieldError("issuer")}
          />
          {chosen?.perState ? (
            <NativeSelect
              label="State"
              required
              value={state}
              onChange={(event) => setState(event.currentTarget.value)}
              data={[{ value: "", label: "Choose a state", disabled: true }, ...US_STATES.map(([value, name]) => ({ value, label: name }))]}
              error={fieldError("state")}
            />
          ) : null}
          <TextInput
            type="date"
            label="Earned on"
            required
            value={earnedOn}
            max={todayIsoDate()}
            onChange={(event) => setEarnedOn(event.currentTarget.value)}
            error={fieldError("earnedOn")}
          />
          <TextInput
            type="date"
            label="Expires on (optional)"
            value={expiresOn}
            min={earnedOn || undefined}
            onChange={(event) => setExpiresOn(event.currentTarget.value)}
            error={fieldError("expiresOn")}
          />
        </SimpleGrid>
        <EvidenceFileInput
          label="Copy of the credential (optional)"
          hint="A scan or photo of the certificate or card."
          value={evidence.file}
          onChange={evidence.choose}
          error={evidence.error ?? fieldError("evidenceFileId")}
        />
        {canVerify ? (
          <Checkbox
            label="Verified against the issuer's records"
            description="Leave unticked to record it as awaiting verification."
            checked={verified}
            onChange={(event) => setVerified(event.currentTarget.checked)}
          />
        ) : null}
        <Group>
          <Button type="submit" loading={record.isPending || evidence.isUploading}>
            Record certification
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
