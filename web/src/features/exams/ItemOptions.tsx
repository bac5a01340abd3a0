import { Text } from "@mantine/core";
import type { ItemKind, ItemOption } from "./exams.api.ts";
import { optionLetter } from "./labels.ts";
import classes from "./exams.module.css";

interface ItemOptionsProps {
  /** Names the inputs of one question. */
  name: string;
  kind: ItemKind;
  stem: string;
  options: ItemOption[];
  selected: string[];
  /** The key, once it may be shown (a drill or review answer was checked). */
  keyIds?: string[];
  disabled: boolean;
  onChange: (selected: string[]) => void;
}

/** The question and its options: native radios or checkboxes in a fieldset named by the question itself. */
export function ItemOptions({ name, kind, stem, options, selected, keyIds, disabled, onChange }: ItemOptionsProps) {
  const toggle = (id: string, checked: boolean) => {
    if (kind === "single") onChange([id]);
    else onChange(checked ? options.map((o) => o.id).filter((o) => o === id || selected.includes(o)) : selected.filter((s) => s !== id));
  };
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <legend className={classes.stem} style={{ padding: 0 }}>
        {stem}
      </legend>
      <Text size="sm" fw={600} mt="xs" mb="sm">
        {kind === "multi" ? "Select all that apply." : "Choose one answer."}
      </Text>
      <div style={{ display: "grid", gap: "var(--mantine-spacing-xs)" }}>
        {options.map((option) => {
          const isChecked = selected.includes(option.id);
          const isKey = keyIds?.includes(option.id) ?? false;
          return (
            <label key={option.id} className={classes.option} data-checked={isChecked} data-disabled={disabled}>
              <input
                type={kind === "multi" ? "checkbox" : "radio"}
                name={name}
                value={option.id}
                checked={isChecked}
                disabled={disabled}
                onChange={(event) => toggle(option.id, event.currentTarget.checked)}
                className={classes.optionInput}
              />
              <span className={classes.optionLetter}>{optionLetter(option.id)}.</span>
              <span className={classes.optionText}>
                {option.text}
                {keyIds && (isKey || isChecked) ? (
                  <Text span size="sm" fw={700} display="block" c={isKey ? "ladderTeal.9" : "red.9"}>
                    {isKey && isChecked ? "✓ Correct answer, your choice" : isKey ? "✓ Correct answer" : "✗ Your choice, not correct"}
                  </Text>
                ) : null}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
