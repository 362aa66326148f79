// A "new …" form folded behind the button that opens it, above the list it adds to: the
// button says whether it is open (aria-expanded) and which region it controls.
import { Button, Collapse, Group, Stack } from "@mantine/core";
import { useState, type FormEvent, type ReactNode } from "react";

export function FoldedForm(props: {
  id: string;
  button: string;
  title: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  width?: number;
  children: ReactNode;
}): React.JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <Stack gap="xs">
      <Group>
        <Button
          variant={open ? "default" : "filled"}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls={props.id}
        >
          {props.button}
        </Button>
      </Group>
      <Collapse expanded={open} id={props.id}>
        <form onSubmit={props.onSubmit} noValidate aria-label={props.title}>
          <Stack maw={props.width ?? 720}>{props.children}</Stack>
        </form>
      </Collapse>
    </Stack>
  );
}
