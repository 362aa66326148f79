// A Mantine anchor that is a typed router link (TanStack's createLink keeps the route
// and search parameter types that Mantine's polymorphic `component` prop would lose).
import { Anchor, type AnchorProps } from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import { forwardRef, type AnchorHTMLAttributes } from "react";

const MantineAnchor = forwardRef<HTMLAnchorElement, AnchorProps & AnchorHTMLAttributes<HTMLAnchorElement>>(
  (props, ref) => <Anchor component="a" ref={ref} {...props} />,
);

export const AppLink = createLink(MantineAnchor);
