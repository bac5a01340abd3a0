import { Alert, Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import { useApiAction } from "../../api.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { peopleApi } from "./people.api.ts";

export function InviteToSignIn({ personId, onInvited }: { personId: string; onInvited: () => void }) {
  const [invitedEmail, setInvitedEmail] = useState<string>();
  const invite = useApiAction(peopleApi.inviteToSignIn);

  const onClick = async () => {
    const result = await invite.run(personId);
    if (!result.ok) return;
    setInvitedEmail(result.value.email);
    onInvited();
  };

  if (invitedEmail) {
    return (
      <Alert color="ladderTeal" role="status">
        Invitation sent to {invitedEmail}.
      </Alert>
    );
  }
  return (
    <Group gap="sm" align="center">
      <Text size="sm">This person cannot sign in to Rx Ladder yet.</Text>
      <Button variant="default" onClick={onClick} loading={invite.isPending}>
        Invite to sign in
      </Button>
      <ErrorAlert error={invite.error} />
    </Group>
  );
}
