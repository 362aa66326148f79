// A signature drawn on a touch screen (or with a pen or a mouse): pointer events on a
// canvas, given back as a PNG `data:` URL (what the API's rating takes), or null while
// nothing is drawn. The canvas has a white ground so the PNG prints as drawn.
import { Button, Group, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";

const WIDTH = 600;
const HEIGHT = 200;

export function SignaturePad({
  label,
  help,
  clearLabel,
  onChange,
}: {
  label: string;
  help: string;
  clearLabel: string;
  onChange: (png: string | null) => void;
}): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);

  function blank() {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, WIDTH, HEIGHT);
  }
  useEffect(blank, []);

  // The pointer's place in the canvas's own pixels, whatever size it is shown at.
  function at(event: React.PointerEvent<HTMLCanvasElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * WIDTH) / box.width, y: ((event.clientY - box.top) * HEIGHT) / box.height };
  }

  function down(event: React.PointerEvent<HTMLCanvasElement>) {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = at(event);
  }

  function move(event: React.PointerEvent<HTMLCanvasElement>) {
    const from = drawing.current;
    const context = event.currentTarget.getContext("2d");
    if (!from || !context) return;
    const to = at(event);
    context.strokeStyle = "#111827";
    context.lineWidth = event.pointerType === "pen" ? 2 + 2 * event.pressure : 3;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    drawing.current = to;
  }

  function up(event: React.PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    drawing.current = null;
    onChange(event.currentTarget.toDataURL("image/png"));
  }

  function clear() {
    blank();
    onChange(null);
  }

  return (
    <Stack gap={4}>
      <Text component="span" size="sm" fw={500} id="signature-label">
        {label}
      </Text>
      <Text size="xs" c="dimmed" id="signature-help">
        {help}
      </Text>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-labelledby="signature-label"
        aria-describedby="signature-help"
        data-testid="signature-pad"
        className="signature-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <Group>
        <Button variant="default" size="compact-sm" onClick={clear}>
          {clearLabel}
        </Button>
      </Group>
    </Stack>
  );
}
