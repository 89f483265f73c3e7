// The Grantsmith mark (same drawing as icons/icon.svg): a key on an indigo tile.
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 128 128" role="img" aria-label="Grantsmith logo">
      <defs>
        <linearGradient id="gs-tile" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#5c7cfa" />
          <stop offset="1" stopColor="#364fc7" />
        </linearGradient>
      </defs>
      <rect x="4" y="4" width="120" height="120" rx="28" fill="url(#gs-tile)" />
      <circle cx="44" cy="64" r="17" fill="none" stroke="#fff" strokeWidth="11" />
      <path d="M61 64h43M88 64v16M101 64v11" stroke="#fff" strokeWidth="11" strokeLinecap="round" fill="none" />
    </svg>
  );
}
