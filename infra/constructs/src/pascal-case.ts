/** `image-flip` → `ImageFlip`, `Reservation Failed` → `ReservationFailed`: construct ids, sids. */
export function pascalCase(name: string): string {
  return name
    .split(/[-\s]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
