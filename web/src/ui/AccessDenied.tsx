import { Anchor, Text } from "@mantine/core";
import { Link } from "react-router";
import { Page } from "./Page.tsx";

export function AccessDenied() {
  return (
    <Page title="You do not have access to this page">
      <Text>
        Your role does not include this page. If you need it, ask your organization's administrator.{" "}
        <Anchor component={Link} to="/">
          Go to the home page
        </Anchor>
      </Text>
    </Page>
  );
}
