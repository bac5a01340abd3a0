import { List, Stack, Text, TextInput } from "@mantine/core";
import { useId } from "react";
// The one UAN parser, shared with the server: a file of data and pure functions without imports,
// so the form says what a number means (or which part is wrong) as it is typed.
import { parseUan, type UanOptions, type UanResult } from "../../../../src/modules/ce/uan.ts";
import { AUDIENCE_LABEL, FORMAT_LABEL } from "./labels.ts";
import classes from "./ce.module.css";

/** Characters that count toward the 17 of a UAN (its dashes and spaces do not). */
const significant = (text: string) => text.replace(/[\s\-\u2010-\u2015\u2212]/g, "").length;

export function parseForForm(value: string, options: UanOptions): UanResult | null {
  return value.trim() ? parseUan(value, options) : null;
}

interface UanFieldProps {
  value: string;
  onChange: (value: string) => void;
  options: UanOptions;
  /** Show errors even while the number is still incomplete (after a submit). */
  showErrors: boolean;
  serverError: string | undefined;
}

/** The UAN input with live feedback: what each part means, or which part is wrong. */
export function UanField({ value, onChange, options, showErrors, serverError }: UanFieldProps) {
  const feedbackId = useId();
  const result = parseForForm(value, options);
  const isComplete = significant(value) >= 17;
  const showProblems = result && !result.ok && (isComplete || showErrors);
  const state = !result ? "empty" : result.ok ? "ok" : showProblems ? "error" : "typing";

  return (
    <Stack gap={6}>
      <TextInput
        label="Activity number (UAN)"
        description="On the statement of credit and in CPE Monitor, for example 0175-0000-14-105-L05-T"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autoComplete="off"
        spellCheck={false}
        error={showProblems ? "This UAN has a problem (see below)" : serverError}
        aria-describedby={feedbackId}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", textTransform: "uppercase" } }}
      />
      <div id={feedbackId} aria-live="polite" className={classes.uanFeedback} data-state={state} data-testid="uan-feedback">
        {state === "empty" ? (
          <Text size="sm" c="gray.7">
            Type the 17 characters: provider, providership, year, sequence, activity type and topic, audience.
          </Text>
        ) : null}
        {state === "typing" ? (
          <Text size="sm" c="gray.7">
            {significant(value)} of 17 characters…
          </Text>
        ) : null}
        {result && !result.ok && showProblems ? (
          <List size="sm" spacing={2} c="red.9">
            {result.errors.map((e) => (
              <List.Item key={`${e.segment}-${e.message}`}>{e.message.charAt(0).toUpperCase() + e.message.slice(1)}</List.Item>
            ))}
          </List>
        ) : null}
        {result?.ok ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {result.value.uan}
            </Text>
            <dl className={classes.uanParts}>
              <dt>Provider</dt>
              <dd>
                {result.value.providerNumber} ({result.value.providership === "sole" ? "sole provider" : "joint providership"})
              </dd>
              <dt>Released</dt>
              <dd>{result.value.releaseYear}</dd>
              <dt>Activity type</dt>
              <dd>{FORMAT_LABEL[result.value.format]}</dd>
              <dt>Topic</dt>
              <dd>
                {result.value.topic} · {result.value.topicName}
              </dd>
              <dt>For</dt>
              <dd>{AUDIENCE_LABEL[result.value.audience]}</dd>
            </dl>
            {result.value.unconfirmed.length > 0 ? (
              <Text size="xs" c="gray.7">
                Not confirmed from a primary source: {result.value.unconfirmed.join(", ")}. Your organization can turn these off.
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </div>
    </Stack>
  );
}
