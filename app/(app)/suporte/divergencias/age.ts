/** "aberta há 2 h": how long a divergence has waited, in the unit support reasons in. */
export function openedAgo(openedAt: Date, now: number): string {
  const minutes = Math.max(0, Math.floor((now - openedAt.getTime()) / 60_000));
  if (minutes < 1) return "aberta há menos de 1 min";
  if (minutes < 60) return `aberta há ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `aberta há ${hours} h`;
  return `aberta há ${Math.floor(hours / 24)} dias`;
}
