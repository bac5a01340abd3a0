import { Alert, Button, Card, Checkbox, Group, List, PasswordInput, Radio, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatDate, formatDateTime, fullName } from "../../format.ts";
import { MANAGING_ROLES } from "../../roles.ts";
import { hasRole, useSession } from "../../session.tsx";
import { ErrorAlert, Loading } from "../../ui/index.ts";
import { EvidenceFileInput } from "../evidence/EvidenceFileInput.tsx";
import { useEvidenceUpload } from "../evidence/evidence.api.ts";
import { EvidenceLink } from "../evidence/EvidenceLink.tsx";
import {
  ladderApi,
  personCompetencyPath,
  proficiencyLabel,
  PROFICIENCY_SCALE,
  type NewSignoff,
  type PersonCompetencyDetail,
  type Proficiency,
  type ProficiencyLevel,
  type Signoff,
} from "./ladder.api.ts";
import { assessorsLabel, COMPETENCY_STATUS } from "./labels.ts";
import { ToneBadge } from "./ToneBadge.tsx";
import classes from "./ladder.module.css";

type Scope = "steps" | "whole";

interface Signed {
  count: number;
  scope: Scope;
  stepTexts: string[];
  proficiency: Proficiency;
  validUntil: string | null;
}

function Confirmation({ signed, personName, competencyName, scale, onSignAnother, onChoosePerson }: {
  signed: Signed;
  personName: string;
  competencyName: string;
  scale: readonly ProficiencyLevel[];
  onSignAnother: () => void;
  onChoosePerson: () => void;
}) {
  return (
    <Stack gap="sm">
      <Alert color="ladderTeal" role="status" title="Signed">
        <Stack gap={4}>
          <Text size="sm">
            You signed{" "}
            {signed.scope === "whole" ? (
              <>
                the whole competency <strong>{competencyName}</strong>
              </>
            ) : (
              <>
                {signed.count} checklist {signed.count === 1 ? "step" : "steps"} of <strong>{competencyName}</strong>
              </>
            )}{" "}
            for <strong>{personName}</strong> at proficiency {proficiencyLabel(signed.proficiency, scale)}.
          </Text>
          {signed.scope === "steps" ? (
            <List size="sm" withPadding>
              {signed.stepTexts.map((text) => (
                <List.Item key={text}>{text}</List.Item>
              ))}
            </List>
          ) : null}
          <Text size="sm">{signed.validUntil ? `Valid until ${formatDate(signed.validUntil)}.` : "This sign-off does not expire."}</Text>
          <Text size="sm">The sign-off is recorded under your name with your electronic signature and cannot be edited; it can only be revoked with a reason.</Text>
        </Stack>
      </Alert>
      <Group gap="sm">
        <Button onClick={onSignAnother}>Sign another competency for {personName.split(" ")[0]}</Button>
        <Button variant="default" onClick={onChoosePerson}>
          Choose another person
        </Button>
      </Group>
    </Stack>
  );
}

function RevokeForm({ signoff, onRevoked, onCancel }: { signoff: Signoff; onRevoked: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const revoke = useApiAction(ladderApi.revokeSignoff);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (reason.trim().length < 3) next.reason = "Say why the sign-off is revoked";
    if (!password) next.password = "Enter your password to sign the revocation";
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const result = await revoke.run(signoff.id, reason.trim(), password);
    setPassword("");
    if (result.ok) onRevoked();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Revoke this sign-off">
      <Stack gap="xs" mt="xs">
        <ErrorAlert error={revoke.error?.code === "INVALID_CREDENTIALS" ? undefined : revoke.error} />
        <Textarea label="Reason for revoking" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason ?? revoke.error?.fieldMessage("reason")} />
        <PasswordInput
          label="Your password"
          required
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password ?? (revoke.error?.code === "INVALID_CREDENTIALS" ? revoke.error.message : undefined)}
        />
        <Group gap="xs">
          <Button type="submit" color="red.9" loading={revoke.isPending}>
            Revoke with your password
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SignoffHistory({ detail, onChanged }: { detail: PersonCompetencyDetail; onChanged: () => void }) {
  const session = useSession();
  const [revoking, setRevoking] = useState<string>();
  const viewerName = fullName(session.person);
  const mayRevokeAny = hasRole(session, MANAGING_ROLES);
  if (detail.signoffs.length === 0) return <Text size="sm">Nothing has been signed off for this competency yet.</Text>;
  const stepText = (code: string | null) => (code ? detail.competency.steps.find((step) => step.code === code)?.text ?? code : "The whole competency");
  return (
    <Stack component="ul" gap="xs" className={classes.plainList} aria-label="Sign-offs on record">
      {detail.signoffs.map((signoff) => (
        <li key={signoff.id} className={classes.stepRow}>
          <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} className={`${classes.grow} ${classes.wrapText}`} td={signoff.revoked ? "line-through" : undefined}>
              {stepText(signoff.stepCode)}
            </Text>
            {signoff.revoked ? <ToneBadge tone="bad">Revoked</ToneBadge> : null}
          </Group>
          <Text size="sm" c="gray.7">
            {signoff.assessorName} · {formatDateTime(signoff.signedAt)} · proficiency {proficiencyLabel(signoff.proficiency)}
            {signoff.validUntil ? ` · valid until ${formatDate(signoff.validUntil)}` : ""}
          </Text>
          {signoff.evidenceNote ? (
            <Text size="sm" className={classes.wrapText}>
              Evidence: {signoff.evidenceNote}
            </Text>
          ) : null}
          {signoff.evidenceFile ? <EvidenceLink file={signoff.evidenceFile} label="Evidence file" /> : null}
          {!signoff.revoked && (mayRevokeAny || signoff.assessorName === viewerName) ? (
            revoking === signoff.id ? (
              <RevokeForm
                signoff={signoff}
                onCancel={() => setRevoking(undefined)}
                onRevoked={() => {
                  setRevoking(undefined);
                  onChanged();
                }}
              />
            ) : (
              <Button variant="subtle" size="compact-sm" color="red" c="red.9" onClick={() => setRevoking(signoff.id)} aria-label={`Revoke: ${stepText(signoff.stepCode)}`}>
                Revoke
              </Button>
            )
          ) : null}
        </li>
      ))}
    </Stack>
  );
}

interface SignOffFormProps {
  personId: string;
  personName: string;
  competencyCode: string;
  scale: readonly ProficiencyLevel[] | undefined;
  onSigned: () => void;
  onSignAnother: () => void;
  onChoosePerson: () => void;
}

/** The checklist, proficiency, evidence note and password e-signature for one competency of one person. */
export function SignOffForm({ personId, personName, competencyCode, scale = PROFICIENCY_SCALE, onSigned, onSignAnother, onChoosePerson }: SignOffFormProps) {
  const detail = useApiQuery<PersonCompetencyDetail>(personCompetencyPath(personId, competencyCode));
  const [scope, setScope] = useState<Scope | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [proficiency, setProficiency] = useState("");
  const [note, setNote] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [signed, setSigned] = useState<Signed>();
  const sign = useApiAction(ladderApi.signOff);
  const evidence = useEvidenceUpload(personId);

  if (detail.error && !detail.data) {
    return <ErrorAlert error={detail.error} title="This competency could not be opened" onRetry={detail.error.status === 403 || detail.error.status === 404 ? undefined : detail.reload} />;
  }
  if (!detail.data) return <Loading />;

  const { competency, mayAssess, reason, steps, status } = detail.data;
  const statusLabel = COMPETENCY_STATUS[status] ?? COMPETENCY_STATUS["not-started"];
  const hasSteps = steps.length > 0;
  const activeScope: Scope = scope ?? (hasSteps ? "steps" : "whole");
  const wrongPassword = sign.error?.code === "INVALID_CREDENTIALS";

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const next: Record<string, string> = {};
    if (activeScope === "steps" && ticked.length === 0) next.stepCodes = "Tick at least one step you observed, or sign the whole competency";
    if (!proficiency) next.proficiency = "Choose the proficiency you observed";
    if (!password) next.password = "Enter your password: it is your electronic signature";
    setErrors(next);
    if (Object.keys(next).length > 0) {
      const first = (["stepCodes", "proficiency", "password"] as const).find((field) => next[field]);
      requestAnimationFrame(() => form.querySelector<HTMLInputElement>(`input[name="${first}"]`)?.focus());
      return;
    }
    const value = Number(proficiency) as Proficiency;
    const input: NewSignoff = { personId, competencyCode, proficiency: value, password };
    if (activeScope === "steps") input.stepCodes = steps.filter((step) => ticked.includes(step.code)).map((step) => step.code);
    if (note.trim()) input.evidenceNote = note.trim();
    // The evidence file is uploaded first, then signed with the rest.
    const evidenceFileId = await evidence.upload();
    if (evidenceFileId === undefined) return;
    if (evidenceFileId) input.evidenceFileId = evidenceFileId;
    const result = await sign.run(input);
    setPassword("");
    if (!result.ok) return;
    setSigned({
      count: result.value.signed,
      scope: activeScope,
      stepTexts: steps.filter((step) => ticked.includes(step.code)).map((step) => step.text),
      proficiency: value,
      validUntil: result.value.validUntil,
    });
    setTicked([]);
    setNote("");
    evidence.reset();
    detail.reload();
    onSigned();
  };

  return (
    <Stack gap="md">
      <Card withBorder padding="sm">
        <Stack gap={6}>
          <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
            <Text fw={700} className={classes.wrapText}>
              {competency.name}
            </Text>
            <ToneBadge tone={statusLabel.tone}>{statusLabel.label}</ToneBadge>
          </Group>
          <Text size="sm">{competency.description}</Text>
          <Text size="sm" c="gray.7">
            {competency.area} · assessed by {assessorsLabel(competency.assessors)}
            {competency.validityMonths ? ` · valid ${competency.validityMonths} months after sign-off` : " · does not expire"}
          </Text>
          {competency.validitySource ? (
            <Text size="xs" c="gray.7">
              Validity: {competency.validitySource}
            </Text>
          ) : null}
        </Stack>
      </Card>

      {signed ? (
        <Confirmation
          signed={signed}
          personName={personName}
          competencyName={competency.name}
          scale={scale}
          onSignAnother={onSignAnother}
          onChoosePerson={onChoosePerson}
        />
      ) : !mayAssess ? (
        <Alert color="red" title="You cannot sign off this competency" role="alert">
          <Text size="sm">{reason ?? "Your role and level do not allow you to assess it."}</Text>
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label={`Sign off ${competency.name} for ${personName}`}>
          <Stack gap="md">
            {sign.error && !wrongPassword ? (
              <Alert color="red" title="Not signed" role="alert">
                <Text size="sm">{sign.error.message}</Text>
              </Alert>
            ) : null}

            {hasSteps ? (
              <Radio.Group
                label="What are you signing?"
                value={activeScope}
                onChange={(value) => {
                  setScope(value as Scope);
                  setErrors((e) => ({ ...e, stepCodes: "" }));
                }}
              >
                <Stack gap="xs" mt={6}>
                  <Radio value="steps" label="Checklist steps I observed" />
                  <Radio value="whole" label="The whole competency" description="Signs the competency itself, with the proficiency below" />
                </Stack>
              </Radio.Group>
            ) : null}

            {hasSteps ? (
              activeScope === "steps" ? (
                <Checkbox.Group
                  label="Checklist"
                  description="Tick the steps you are signing now."
                  value={ticked}
                  onChange={setTicked}
                  error={errors.stepCodes || sign.error?.fieldMessage("stepCodes")}
                >
                  <Stack gap="sm" mt="xs">
                    {steps.map((step) => (
                      <Checkbox
                        key={step.code}
                        name="stepCodes"
                        value={step.code}
                        label={step.text}
                        description={
                          step.signed
                            ? `Signed${step.assessorName ? ` by ${step.assessorName}` : ""}${step.signedAt ? `, ${formatDateTime(step.signedAt)}` : ""}; tick to sign it again`
                            : "Not signed yet"
                        }
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
              ) : (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    Checklist
                  </Text>
                  <List size="sm" spacing={4} withPadding>
                    {steps.map((step) => (
                      <List.Item key={step.code}>
                        {step.text} <Text span size="xs" c="gray.7">({step.signed ? "signed" : "not signed yet"})</Text>
                      </List.Item>
                    ))}
                  </List>
                </Stack>
              )
            ) : null}

            <Radio.Group
              label="Proficiency observed"
              name="proficiency"
              required
              value={proficiency}
              onChange={(value) => {
                setProficiency(value);
                setErrors((e) => ({ ...e, proficiency: "" }));
              }}
              error={errors.proficiency || sign.error?.fieldMessage("proficiency")}
            >
              <Stack gap="sm" mt={6}>
                {scale.map((level) => (
                  <Radio key={level.value} value={String(level.value)} label={`${level.value} · ${level.label}`} description={level.description} />
                ))}
              </Stack>
            </Radio.Group>

            <Textarea
              label="Evidence note (optional)"
              description={competency.evidence}
              autosize
              minRows={2}
              maxRows={6}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={sign.error?.fieldMessage("evidenceNote")}
            />

            <EvidenceFileInput
              label="Evidence file (optional)"
              hint="A photo or scan of the work observed, a test result."
              value={evidence.file}
              onChange={evidence.choose}
              error={evidence.error ?? sign.error?.fieldMessage("evidenceFileId")}
            />

            <PasswordInput
              label="Your password"
              name="password"
              description="Entering your password signs this under your name (electronic signature)."
              required
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password || (wrongPassword ? sign.error?.message : undefined)}
            />
            <Group>
              <Button type="submit" loading={sign.isPending || evidence.isUploading}>
                Sign with your password
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      <Stack gap="xs">
        <Title order={3} fz="h5">
          Sign-offs on record
        </Title>
        <SignoffHistory detail={detail.data} onChanged={() => {
          detail.reload();
          onSigned();
        }} />
      </Stack>
    </Stack>
  );
}
