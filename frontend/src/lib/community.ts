// The community screens' pure logic: a version as the API's ETag writes it (for
// If-Match), and how a member's step the API offers (`allowed_steps`) is taken. Which
// steps a member offers is the API's to say (`community/rules.py` allowed_steps), never
// decided here; a move's status is what the API's `TARGET` asks for it.

export function etagOf(version: number): string {
  return `"${version}"`;
}

export type MemberStep = "induct" | "decline" | "leave" | "return" | "training";
export type MemberMove = Exclude<MemberStep, "training">;

const MOVE_STATUS: Record<MemberMove, "active" | "inactive"> = {
  induct: "active",
  decline: "inactive",
  leave: "inactive",
  return: "active",
};

export function isMove(step: MemberStep): step is MemberMove {
  return step in MOVE_STATUS;
}

export function statusOf(move: MemberMove): "active" | "inactive" {
  return MOVE_STATUS[move];
}

export function stepLabel(step: MemberStep): `com.${MemberStep}` {
  return `com.${step}`;
}
