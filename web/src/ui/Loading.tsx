import { Center, Group, Loader, Text } from "@mantine/core";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <Center py="xl" role="status">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text size="sm" c="gray.7">
          {label}
        </Text>
      </Group>
    </Center>
  );
}
