import { Table, type TableProps } from "@mantine/core";
import type { ReactNode } from "react";

interface ScrollTableProps extends TableProps {
  /** Shown above the table and used to name the scrollable region. */
  caption: ReactNode;
  /** Accessible name of the scrollable region when the caption is not plain text. */
  label: string;
  /** Width below which the table scrolls sideways instead of squeezing. */
  minWidth?: number;
  children: ReactNode;
}

/** A table that scrolls sideways on narrow screens; the region is focusable so keyboards can scroll it. */
export function ScrollTable({ caption, label, minWidth = 640, children, ...tableProps }: ScrollTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={label}>
      <Table captionSide="top" striped highlightOnHover verticalSpacing="sm" {...tableProps}>
        <Table.Caption ta="start" c="gray.7">
          {caption}
        </Table.Caption>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
