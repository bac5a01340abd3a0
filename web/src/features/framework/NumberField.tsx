import { TextInput, type TextInputProps } from "@mantine/core";
import { useState } from "react";

interface NumberFieldProps extends Omit<TextInputProps, "value" | "onChange" | "type" | "inputMode"> {
  /** NaN while the text is not a number; undefined when empty and `allowEmpty`. */
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  /** Whole numbers only (months, ranks). */
  integer?: boolean;
  allowEmpty?: boolean;
}

function parse(text: string, allowEmpty: boolean): number | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return allowEmpty ? undefined : Number.NaN;
  return /^-?\d*\.?\d+$|^-?\d+\.$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const sameNumber = (a: number | undefined, b: number | undefined) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * A number typed as text, so partial input ("3.", "") stays as typed; the parent gets the
 * number, NaN while the text is not one, or undefined when empty and allowed.
 */
export function NumberField({ value, onChange, integer = false, allowEmpty = false, error, ...props }: NumberFieldProps) {
  const [text, setText] = useState(() => (value === undefined || Number.isNaN(value) ? "" : String(value)));
  const parsed = parse(text, allowEmpty);
  // The value changed from outside (undo, reset, another editor): show it.
  const shown = sameNumber(parsed, value) ? text : value === undefined || Number.isNaN(value) ? "" : String(value);
  if (shown !== text) setText(shown);

  const localError =
    parsed !== undefined && Number.isNaN(parsed)
      ? "Enter a number"
      : integer && parsed !== undefined && !Number.isInteger(parsed)
        ? "Enter a whole number"
        : undefined;

  return (
    <TextInput
      {...props}
      type="text"
      inputMode={integer ? "numeric" : "decimal"}
      autoComplete="off"
      value={shown}
      error={error ?? (text !== "" || !allowEmpty ? localError : undefined)}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        onChange(parse(next, allowEmpty));
      }}
    />
  );
}
