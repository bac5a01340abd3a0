import { Button, Checkbox, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useId, useMemo, useState } from "react";
import type { CatalogCertification } from "./framework.api.ts";
import classes from "./framework.module.css";

const KIND_LABELS: Record<string, string> = {
  national: "National certification",
  state: "State credentials",
  "assessment-based": "Assessment-based certificates",
  training: "Training certificates",
  "life-support": "Life support",
};

interface CertificationPickerProps {
  catalog: readonly CatalogCertification[];
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}

export function certificationName(c: CatalogCertification): string {
  return c.issuer && !c.name.includes(c.issuer) ? `${c.name}, ${c.issuer}` : c.name;
}

/**
 * Picks the certifications any one of which meets a requirement: the chosen ones are listed,
 * and the catalog opens as checkboxes grouped by kind.
 */
export function CertificationPicker({ catalog, value, onChange, error }: CertificationPickerProps) {
  const [isOpen, setOpen] = useState(false);
  const id = useId();
  const listId = `${id}-list`;
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;

  const groups = useMemo(() => {
    const byKind = new Map<string, { value: string; label: string }[]>();
    for (const c of catalog) {
      const kind = KIND_LABELS[c.kind ?? ""] ?? "Other credentials";
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind)!.push({ value: c.code, label: certificationName(c) });
    }
    const unknown = value.filter((code) => !catalog.some((c) => c.code === code));
    if (unknown.length) byKind.set("Codes not in the catalog", unknown.map((code) => ({ value: code, label: code })));
    return [...byKind];
  }, [catalog, value]);

  const chosen = value.map((code) => {
    const known = catalog.find((c) => c.code === code);
    return known ? certificationName(known) : `${code} (not in the catalog)`;
  });

  return (
    <Stack gap={6}>
      <Text id={labelId} size="sm" fw={500}>
        Any one of these certifications
      </Text>
      <Text size="xs" c="dimmed" mt={-6}>
        Holding any one of them, active and not expired, meets the requirement
      </Text>
      {chosen.length ? (
        <ul className={classes.chosenList} aria-labelledby={labelId}>
          {chosen.map((name, i) => (
            <li key={value[i]}>{name}</li>
          ))}
        </ul>
      ) : (
        <Text size="sm">None chosen yet.</Text>
      )}
      {error ? (
        <Text id={errorId} size="sm" c="var(--mantine-color-error)">
          {error}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="default"
          size="xs"
          aria-expanded={isOpen}
          aria-controls={listId}
          aria-describedby={error ? errorId : undefined}
          onClick={() => setOpen((open) => !open)}
        >
          {isOpen ? "Done choosing certifications" : "Choose certifications"}
        </Button>
      </Group>
      <div id={listId} hidden={!isOpen}>
        {isOpen ? (
          <Checkbox.Group value={value} onChange={onChange} aria-labelledby={labelId}>
            <Stack gap="sm" mt={4}>
              {groups.map(([kind, items]) => (
                <div key={kind} role="group" aria-label={kind}>
                  <Text size="xs" fw={700} tt="uppercase" c="gray.8" mb={6}>
                    {kind}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={8}>
                    {items.map((item) => (
                      <Checkbox key={item.value} value={item.value} label={item.label} />
                    ))}
                  </SimpleGrid>
                </div>
              ))}
            </Stack>
          </Checkbox.Group>
        ) : null}
      </div>
    </Stack>
  );
}
